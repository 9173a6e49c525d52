namespace KeyBuzz.Ctl.Output;

/// <param name="Fork">The forked-history headline (automatic actions stopped), null when none.</param>
internal sealed record ClusterJson(string Name, IReadOnlyList<string> Problems, IReadOnlyList<NodeJson> Nodes, string? Recovery, IReadOnlyList<ProxyJson> Proxies, string? Fork = null, string? LatestComponent = null);
