namespace KeyBuzz.Ctl.Output;

/// <summary>`kbctl status --json` document: field names are a stable contract for scripts.</summary>
internal sealed record StatusJson(IReadOnlyList<ClusterJson> Clusters, CoordinatorJson? Coordinator);
