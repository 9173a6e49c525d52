using KeyBuzz.Contracts;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Options;

/// <summary>Startup validation: every message names the setting and how to fix it.</summary>
internal sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var errors = new List<string>();
        if (!NameRules.IsValid(options.NodeName))
        {
            errors.Add($"Agent:NodeName '{options.NodeName}' is invalid: {NameRules.Description}");
        }

        if (!NameRules.IsValid(options.ClusterName))
        {
            errors.Add($"Agent:ClusterName '{options.ClusterName}' is invalid: {NameRules.Description}");
        }

        if (options.Role is not ("galera" or "proxysql"))
        {
            errors.Add($"Agent:Role '{options.Role}' is not supported: use \"galera\" (a MariaDB node) or \"proxysql\" (a ProxySQL node)");
        }

        if (!Uri.TryCreate(options.CollectorUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"Agent:CollectorUrl '{options.CollectorUrl}' is not an http:// or https:// URL (e.g. http://collector:7171)");
        }

        if (options.TokenFile.Length > 0 && !File.Exists(options.TokenFile))
        {
            errors.Add($"Agent:TokenFile {options.TokenFile} does not exist: create the token on the collector host with 'kb-collector tokens add-agent {options.ClusterName} {options.NodeName}' and store it there readable only by the agent's user (packaged: install -m 0640 -g keybuzz TOKEN /etc/keybuzz/agent.token)");
        }

        if (options.CollectorCaFile.Length > 0)
        {
            try
            {
                _ = Contracts.CollectorTrust.ClientOptions(options.CollectorCaFile);
            }
            catch (InvalidOperationException e)
            {
                errors.Add($"Agent:CollectorCaFile: {e.Message}");
            }

            if (url is not null && url.Scheme != "https")
            {
                errors.Add($"Agent:CollectorCaFile is set but Agent:CollectorUrl '{options.CollectorUrl}' is not https://");
            }
        }

        if (options.IntervalMs is < 100 or > 60_000)
        {
            errors.Add($"Agent:IntervalMs {options.IntervalMs} is out of range: use 100..60000 (default 1000)");
        }

        if (options.BufferCapacity < 600)
        {
            errors.Add($"Agent:BufferCapacity {options.BufferCapacity} is too small: keep at least 600 readings (10 minutes at 1 Hz)");
        }

        if (options.MaxBatchSize is < 1 or > 5000)
        {
            errors.Add($"Agent:MaxBatchSize {options.MaxBatchSize} is out of range: use 1..5000");
        }

        if (options.ReconnectInitialMs < 10 || options.ReconnectMaxMs < options.ReconnectInitialMs)
        {
            errors.Add("Agent:ReconnectInitialMs must be >= 10 and Agent:ReconnectMaxMs >= ReconnectInitialMs");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
