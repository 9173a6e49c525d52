namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>
/// How one ProxySQL routes right now: its writer (null when none), every ONLINE writer, each backend,
/// the sessions still on replaced (SHUNNED) writers, the monitor's login error when it fails on every
/// node, and what is wrong in operator words. Rules read the structured parts, operators the problems.
/// </summary>
public sealed record RoutingView(
    int WriterHostgroup,
    string? Writer,
    IReadOnlyList<string> OnlineWriters,
    IReadOnlyList<BackendRoute> Backends,
    IReadOnlyList<PoolEntry> SessionsOnShunnedWriters,
    string? MonitorLoginError,
    IReadOnlyList<string> Problems);
