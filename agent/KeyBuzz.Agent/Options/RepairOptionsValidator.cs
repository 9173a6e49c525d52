using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Options;

internal sealed class RepairOptionsValidator : IValidateOptions<RepairOptions>
{
    public ValidateOptionsResult Validate(string? name, RepairOptions options)
    {
        var errors = new List<string>();
        if (options.ServiceControl is not ("systemd" or "process"))
        {
            errors.Add($"Repair:ServiceControl '{options.ServiceControl}' is not supported: use \"systemd\" or \"process\"");
        }

        if (options.ServiceControl == "process" && (string.IsNullOrWhiteSpace(options.DefaultsFile) || !Path.IsPathFullyQualified(options.DefaultsFile)))
        {
            errors.Add("Repair:DefaultsFile must be the absolute path of the node's my.cnf when Repair:ServiceControl is \"process\"");
        }

        if (!Path.IsPathFullyQualified(options.MariadbdPath))
        {
            errors.Add($"Repair:MariadbdPath '{options.MariadbdPath}' must be an absolute path (usually /usr/sbin/mariadbd)");
        }

        foreach (var peer in options.PeerAddresses)
        {
            if (!peer.Contains(':', StringComparison.Ordinal) || !int.TryParse(peer[(peer.LastIndexOf(':') + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                errors.Add($"Repair:PeerAddresses entry '{peer}' must be host:port");
            }
        }

        if (options.MaxRestarts is < 1 or > 100)
        {
            errors.Add($"Repair:MaxRestarts {options.MaxRestarts} is out of range: use 1..100 (default 3)");
        }

        if (options.WindowMinutes < 1 || options.BackoffSeconds < 1 || options.EvictionWaitMaxSeconds < 0 || options.RecoverTimeoutSeconds < 10)
        {
            errors.Add("Repair:WindowMinutes and Repair:BackoffSeconds must be >= 1, EvictionWaitMaxSeconds >= 0, RecoverTimeoutSeconds >= 10");
        }

        if (options.AdviceMaxAgeMs is < 1000 or > 60_000)
        {
            errors.Add($"Repair:AdviceMaxAgeMs {options.AdviceMaxAgeMs} is out of range: use 1000..60000");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
