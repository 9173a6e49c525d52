namespace KeyBuzz.Ctl.Output;

/// <summary>One ProxySQL node's routing in `kbctl status --json`.</summary>
internal sealed record ProxyJson(
    string Name,
    bool Reporting,
    DateTimeOffset LastSeenUtc,
    int WriterHostgroup,
    string? Writer,
    IReadOnlyList<string> OnlineWriters,
    IReadOnlyList<ProxyBackendJson> Backends,
    IReadOnlyList<string> Problems,
    string? Error);
