namespace KeyBuzz.Collector.Options;

/// <summary>Section "Collector".</summary>
internal sealed class CollectorOptions
{
    public const string Section = "Collector";

    /// <summary>gRPC endpoint (HTTP/2). Plain h2c is for loopback; use https:// elsewhere.</summary>
    public string ListenUrl { get; set; } = "http://127.0.0.1:7171";

    /// <summary>PEM certificate of the collector (from `kb-collector tls init`); with TlsKeyFile, both endpoints speak https.</summary>
    public string TlsCertificateFile { get; set; } = string.Empty;

    public string TlsKeyFile { get; set; } = string.Empty;

    /// <summary>Bearer tokens in clear text over the network are refused unless this is set (or TLS is on, or the address is loopback).</summary>
    public bool AllowPlaintextOnNonLoopback { get; set; }

    public bool TlsEnabled => TlsCertificateFile.Length > 0 || TlsKeyFile.Length > 0;

    /// <summary>Holds the LiteDB history file.</summary>
    public string DataDirectory { get; set; } = "/var/lib/keybuzz/collector";

    /// <summary>Rolling log files go here; empty: console only (journald under systemd).</summary>
    public string LogDirectory { get; set; } = string.Empty;

    /// <summary>Raw readings older than this are deleted (once aggregated into one-minute buckets).</summary>
    public int RetentionHours { get; set; } = 24;

    /// <summary>One-minute aggregates older than this are deleted.</summary>
    public int MinuteRetentionDays { get; set; } = 30;

    /// <summary>HTTP/1.1 endpoint for the JSON API, /metrics, /healthz and /readyz.</summary>
    public string HttpListenUrl { get; set; } = "http://127.0.0.1:7172";

    /// <summary>A node whose agent missed this many sampling intervals is "not reporting".</summary>
    public int NotReportingAfterMissedIntervals { get; set; } = 3;

    /// <summary>Readings written in one LiteDB transaction at most.</summary>
    public int MaxWriteBatch { get; set; } = 2000;

    public int HistoryQueryLimit { get; set; } = 100_000;
}
