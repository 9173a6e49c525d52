namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>One backend as one ProxySQL routes it: its role, and why, in ProxySQL's own words where possible.</summary>
public sealed record BackendRoute(string Endpoint, string Role, string Status, long Weight, string Reason)
{
    public const string Writer = "writer";
    public const string Backup = "backup";
    public const string Reader = "reader";
    public const string Offline = "offline";
}
