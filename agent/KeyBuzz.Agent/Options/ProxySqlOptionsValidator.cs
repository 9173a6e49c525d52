using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Options;

internal sealed class ProxySqlOptionsValidator(IOptions<AgentOptions> agent) : IValidateOptions<ProxySqlOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxySqlOptions options)
    {
        if (agent.Value.Role != "proxysql")
        {
            return ValidateOptionsResult.Success; // not used by a galera agent
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            errors.Add("ProxySql:Host is empty: set the admin interface address (e.g. \"127.0.0.1\")");
        }

        if (options.Port is < 1 or > 65535)
        {
            errors.Add($"ProxySql:Port {options.Port} is not a TCP port (1..65535)");
        }
        else if (options.Port == 6033)
        {
            errors.Add("ProxySql:Port 6033 is ProxySQL's MySQL frontend: the agent reads the admin interface (6032)");
        }

        if (string.IsNullOrWhiteSpace(options.User))
        {
            errors.Add("ProxySql:User is empty: set an admin user from admin-admin_credentials (e.g. radmin)");
        }

        if (options.ServiceControl is not ("systemd" or "process"))
        {
            errors.Add($"ProxySql:ServiceControl '{options.ServiceControl}' must be systemd or process");
        }
        else if (options.ServiceControl == "process" && (!Path.IsPathFullyQualified(options.PidFile) || options.StartCommand.Length == 0))
        {
            errors.Add("ProxySql:ServiceControl process needs an absolute ProxySql:PidFile and ProxySql:StartCommand");
        }
        else if (options.StartCommand.Contains("--initial"))
        {
            errors.Add("ProxySql:StartCommand must not contain --initial: it would replace the applied config with the file's");
        }

        if (options.LogPath.Length > 0 && !Path.IsPathFullyQualified(options.LogPath))
        {
            errors.Add($"ProxySql:LogPath '{options.LogPath}' must be an absolute path (ProxySQL's log, e.g. /var/lib/proxysql/proxysql.log) or empty");
        }

        if (options.SamplerTimeoutMs is < 50 or > 30_000)
        {
            errors.Add($"ProxySql:SamplerTimeoutMs {options.SamplerTimeoutMs} is out of range: use 50..30000");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
