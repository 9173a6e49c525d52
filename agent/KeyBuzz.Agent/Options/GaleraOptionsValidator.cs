using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Options;

internal sealed class GaleraOptionsValidator : IValidateOptions<GaleraOptions>
{
    public ValidateOptionsResult Validate(string? name, GaleraOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Socket) && string.IsNullOrWhiteSpace(options.Host))
        {
            errors.Add("Galera:Host or Galera:Socket must be set (e.g. \"Host\": \"127.0.0.1\")");
        }

        if (options.Port is < 1 or > 65535)
        {
            errors.Add($"Galera:Port {options.Port} is not a TCP port (1..65535)");
        }

        if (string.IsNullOrWhiteSpace(options.User))
        {
            errors.Add("Galera:User is empty: set the monitoring user the agent logs in as");
        }

        if (!Path.IsPathFullyQualified(options.DataDirectory))
        {
            errors.Add($"Galera:DataDirectory '{options.DataDirectory}' must be an absolute path (the MariaDB datadir)");
        }

        if (!string.IsNullOrEmpty(options.PidFile) && !Path.IsPathFullyQualified(options.PidFile))
        {
            errors.Add($"Galera:PidFile '{options.PidFile}' must be an absolute path");
        }

        if (!Path.IsPathFullyQualified(options.ConfigFragmentPath) || !options.ConfigFragmentPath.EndsWith(".cnf", StringComparison.Ordinal))
        {
            errors.Add($"Galera:ConfigFragmentPath '{options.ConfigFragmentPath}' must be an absolute path ending in .cnf (mariadbd's !includedir reads only *.cnf)");
        }

        if (options.SamplerTimeoutMs is < 50 or > 30_000)
        {
            errors.Add($"Galera:SamplerTimeoutMs {options.SamplerTimeoutMs} is out of range: use 50..30000");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
