using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.Options;

/// <summary>Startup validation: every message names the setting and how to fix it.</summary>
internal sealed class CollectorOptionsValidator : IValidateOptions<CollectorOptions>
{
    public ValidateOptionsResult Validate(string? name, CollectorOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.ListenUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Port <= 0)
        {
            errors.Add($"Collector:ListenUrl '{options.ListenUrl}' must be http://ADDRESS:PORT or https://ADDRESS:PORT");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory) || !Path.IsPathFullyQualified(options.DataDirectory))
        {
            errors.Add($"Collector:DataDirectory '{options.DataDirectory}' must be an absolute path");
        }

        if (options.RetentionHours < 1)
        {
            errors.Add($"Collector:RetentionHours {options.RetentionHours} must be at least 1");
        }

        if (!Uri.TryCreate(options.HttpListenUrl, UriKind.Absolute, out var http) || http.Scheme is not ("http" or "https") || http.Port <= 0)
        {
            errors.Add($"Collector:HttpListenUrl '{options.HttpListenUrl}' must be http://ADDRESS:PORT or https://ADDRESS:PORT");
        }
        else if (url is not null && http.Port == url.Port && http.Host == url.Host)
        {
            errors.Add($"Collector:HttpListenUrl and Collector:ListenUrl use the same address {http.Host}:{http.Port}: give the HTTP API its own port (default 7172)");
        }

        foreach (var (setting, value) in new[] { ("ListenUrl", options.ListenUrl), ("HttpListenUrl", options.HttpListenUrl) })
        {
            if (Uri.TryCreate(value, UriKind.Absolute, out var u) && u.Host != "localhost" && u.Host is not ("0.0.0.0" or "*" or "+") && !System.Net.IPAddress.TryParse(u.Host.Trim('[', ']'), out _))
            {
                errors.Add($"Collector:{setting} '{value}' must use an IP address (or localhost / 0.0.0.0): Kestrel binds addresses, not names");
            }
        }

        ValidateTls(options, errors);
        if (options.MinuteRetentionDays < 1)
        {
            errors.Add($"Collector:MinuteRetentionDays {options.MinuteRetentionDays} must be at least 1");
        }

        if (options.NotReportingAfterMissedIntervals is < 2 or > 100)
        {
            errors.Add($"Collector:NotReportingAfterMissedIntervals {options.NotReportingAfterMissedIntervals} is out of range: use 2..100 (default 3)");
        }

        if (options.MaxWriteBatch is < 1 or > 100_000)
        {
            errors.Add($"Collector:MaxWriteBatch {options.MaxWriteBatch} is out of range: use 1..100000");
        }

        if (options.HistoryQueryLimit < 1)
        {
            errors.Add($"Collector:HistoryQueryLimit {options.HistoryQueryLimit} must be positive");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateTls(CollectorOptions options, List<string> errors)
    {
        var urls = new[] { ("ListenUrl", options.ListenUrl), ("HttpListenUrl", options.HttpListenUrl) };
        if (options.TlsEnabled)
        {
            if (options.TlsCertificateFile.Length == 0 || options.TlsKeyFile.Length == 0)
            {
                errors.Add("Collector:TlsCertificateFile and Collector:TlsKeyFile go together (both from `kb-collector tls init`)");
                return;
            }

            try
            {
                using var cert = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(options.TlsCertificateFile, options.TlsKeyFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
            {
                errors.Add($"Collector:TlsCertificateFile/TlsKeyFile cannot be loaded ({e.Message}): create them with `kb-collector tls init --out /etc/keybuzz/tls --ip ADDRESS`");
            }

            foreach (var (setting, value) in urls.Where(u => !u.Item2.StartsWith("https://", StringComparison.Ordinal)))
            {
                errors.Add($"Collector:{setting} '{value}' must be https:// when TLS is configured");
            }

            return;
        }

        foreach (var (setting, value) in urls)
        {
            if (value.StartsWith("https://", StringComparison.Ordinal))
            {
                errors.Add($"Collector:{setting} '{value}' is https:// but no certificate is configured: set Collector:TlsCertificateFile and Collector:TlsKeyFile");
            }
            else if (Uri.TryCreate(value, UriKind.Absolute, out var u) && !IsLoopback(u) && !options.AllowPlaintextOnNonLoopback)
            {
                errors.Add($"Collector:{setting} '{value}' would send tokens and readings in clear text over the network: configure TLS (`kb-collector tls init`, Collector:TlsCertificateFile/TlsKeyFile, https:// URLs), listen on loopback, or set Collector:AllowPlaintextOnNonLoopback=true if the network is already encrypted");
            }
        }
    }

    private static bool IsLoopback(Uri url) =>
        url.Host == "localhost" || (System.Net.IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));
}
