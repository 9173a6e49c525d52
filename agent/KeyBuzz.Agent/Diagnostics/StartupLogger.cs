using KeyBuzz.Agent.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Diagnostics;

/// <summary>Logs the effective configuration once, with the password redacted.</summary>
internal sealed class StartupLogger(IOptions<AgentOptions> agent, IOptions<GaleraOptions> galera, ILogger<StartupLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var a = agent.Value;
        var g = galera.Value;
        var endpoint = string.IsNullOrWhiteSpace(g.Socket) ? $"{g.Host}:{g.Port}" : g.Socket;
        Log.Starting(logger, AgentVersion.Current, a.NodeName, a.ClusterName, a.Role, a.CollectorUrl, a.IntervalMs, a.BufferCapacity, endpoint, g.User, g.Password.Length > 0 ? "set" : "empty", g.DataDirectory);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
