using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.Coordination;

/// <summary>Startup validation of HA mode: every message names the setting and the fix.</summary>
internal sealed class EtcdOptionsValidator : IValidateOptions<EtcdOptions>
{
    public ValidateOptionsResult Validate(string? name, EtcdOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        foreach (var endpoint in options.Endpoints)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.IsDefaultPort)
            {
                errors.Add($"Collector:Etcd:Endpoints '{endpoint}' must be http://HOST:PORT or https://HOST:PORT (etcd's client URL, usually port 2379)");
            }
        }

        if (options.Endpoints.Select(e => e.Split("://")[0]).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            errors.Add("Collector:Etcd:Endpoints mixes http:// and https://: use one scheme for every member");
        }

        if (options.LeaseTtlSeconds is < 3 or > 60)
        {
            errors.Add($"Collector:Etcd:LeaseTtlSeconds {options.LeaseTtlSeconds} must be 3 to 60 (a leader steps down 1 s before its lease may expire)");
        }

        if (!options.Prefix.StartsWith('/') || options.Prefix.EndsWith('/'))
        {
            errors.Add($"Collector:Etcd:Prefix '{options.Prefix}' must start with / and not end with one, e.g. /keybuzz");
        }

        if (!Uri.TryCreate(options.AdvertiseUrl, UriKind.Absolute, out var advertise) || advertise.Scheme is not ("http" or "https"))
        {
            errors.Add($"Collector:Etcd:AdvertiseUrl '{options.AdvertiseUrl}' must be this replica's gRPC URL as agents and kbctl reach it, e.g. https://10.0.0.7:7171 (followers send operators there)");
        }

        if ((options.CertFile.Length > 0) != (options.KeyFile.Length > 0))
        {
            errors.Add("Collector:Etcd:CertFile and Collector:Etcd:KeyFile go together: set both (client certificate) or neither");
        }

        foreach (var (setting, path) in new[] { ("CaFile", options.CaFile), ("CertFile", options.CertFile), ("KeyFile", options.KeyFile), ("PasswordFile", options.PasswordFile) })
        {
            if (path.Length > 0 && !File.Exists(path))
            {
                errors.Add($"Collector:Etcd:{setting} '{path}' does not exist");
            }
        }

        if ((options.Username.Length > 0) != (options.PasswordFile.Length > 0))
        {
            errors.Add("Collector:Etcd:Username and Collector:Etcd:PasswordFile go together: set both (etcd authentication) or neither");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
