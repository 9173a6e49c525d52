namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>How one ProxySQL routes right now: its writer (null when none), every ONLINE writer, each backend, and what is wrong.</summary>
public sealed record RoutingView(string? Writer, IReadOnlyList<string> OnlineWriters, IReadOnlyList<BackendRoute> Backends, IReadOnlyList<string> Problems);
