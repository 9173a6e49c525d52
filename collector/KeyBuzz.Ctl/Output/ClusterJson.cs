namespace KeyBuzz.Ctl.Output;

internal sealed record ClusterJson(string Name, IReadOnlyList<string> Problems, IReadOnlyList<NodeJson> Nodes, string? Recovery, IReadOnlyList<ProxyJson> Proxies);
