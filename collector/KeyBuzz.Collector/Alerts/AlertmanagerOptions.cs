namespace KeyBuzz.Collector.Alerts;

/// <summary>Section "Alerts:Alertmanager": where firing and resolved alerts are pushed (none by default).</summary>
internal sealed class AlertmanagerOptions
{
    /// <summary>Base URLs of Alertmanager instances, e.g. http://alertmanager:9093 (the collector appends /api/v2/alerts).</summary>
    public List<string> Urls { get; set; } = [];

    /// <summary>Firing alerts are re-sent this often, as Prometheus does, so Alertmanager never times them out.</summary>
    public int ResendSeconds { get; set; } = 60;

    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Attempts per push before giving up until the next resend.</summary>
    public int Attempts { get; set; } = 3;

    /// <summary>Link put in each alert's generatorURL (e.g. the collector's external HTTP address).</summary>
    public string GeneratorUrl { get; set; } = string.Empty;

    /// <summary>Optional bearer token file for an Alertmanager behind an authenticating proxy.</summary>
    public string BearerTokenFile { get; set; } = string.Empty;
}
