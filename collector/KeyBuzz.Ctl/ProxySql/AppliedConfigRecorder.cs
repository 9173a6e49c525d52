using Grpc.Core;
using KeyBuzz.Contracts.V1;
using KeyBuzz.Ctl.Cli;

namespace KeyBuzz.Ctl.ProxySql;

/// <summary>After an apply: tells the collector what was applied (no secrets), so ProxySQLConfigDrift can compare every proxy with it.</summary>
internal static class AppliedConfigRecorder
{
    public static async Task RecordAsync(ProxySqlSettings settings, CollectorConnection? collector, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (collector is null)
        {
            await output.WriteLineAsync("Not recorded on a collector (no --collector / KBCTL_COLLECTOR): ProxySQLConfigDrift has nothing to compare with.");
            return;
        }

        using (collector)
        {
            var record = new ProxyConfigRecord { Cluster = settings.Cluster };
            foreach (var (name, value) in AdminSqlRenderer.Variables(settings).Where(v => !v.Name.Contains("password", StringComparison.Ordinal) && !v.Name.Contains("credentials", StringComparison.Ordinal)))
            {
                record.Variables[name] = value;
            }

            foreach (var (column, value) in AdminSqlRenderer.Hostgroups(settings))
            {
                record.Hostgroups[column] = value;
            }

            try
            {
                await new Operations.OperationsClient(collector.Channel).RecordProxyConfigAsync(record, headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
                await output.WriteLineAsync($"Recorded on the collector {collector.Url}: drift from it raises ProxySQLConfigDrift.");
            }
            catch (RpcException ex)
            {
                // The apply itself succeeded: say so, and what is missing.
                await error.WriteLineAsync($"kbctl: applied, but the collector {collector.Url} did not record it ({ex.Status.Detail}); drift alerts compare with the previous record.");
            }
        }
    }
}
