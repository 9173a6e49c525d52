using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Sampling.ProxySql;

/// <summary>monitor.mysql_server_galera_log, incrementally (see <see cref="GaleraLogWindow"/>). Rows with an error carry default values.</summary>
internal sealed class GaleraLogSampler(AdminConnector admin) : IProxySqlSampler
{
    private readonly GaleraLogWindow _window = new();

    public string Name => "mysql_server_galera_log";

    public async Task<AdminTable> SampleAsync(CancellationToken cancellationToken) =>
        _window.Fresh(await admin.QueryAsync(Name, _window.Query, cancellationToken));
}
