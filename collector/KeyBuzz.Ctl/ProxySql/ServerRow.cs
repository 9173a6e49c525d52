namespace KeyBuzz.Ctl.ProxySql;

/// <summary>One row of mysql_servers / runtime_mysql_servers.</summary>
internal sealed record ServerRow(int Hostgroup, string Host, int Port, string Status, long Weight, long MaxConnections, long MaxLatencyMs, string Comment)
{
    public string Endpoint => $"{Host}:{Port}";

    public override string ToString() => $"hg {Hostgroup} {Endpoint} {Status} weight {Weight} max_conn {MaxConnections} '{Comment}'";
}
