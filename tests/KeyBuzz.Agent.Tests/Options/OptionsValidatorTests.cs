using KeyBuzz.Agent.Options;

namespace KeyBuzz.Agent.Tests.Options;

public sealed class OptionsValidatorTests
{
    private static AgentOptions ValidAgent() => new() { NodeName = "node1", ClusterName = "kblab" };

    [Fact]
    public void Defaults_with_names_are_valid()
    {
        Assert.True(new AgentOptionsValidator().Validate(null, ValidAgent()).Succeeded);
        Assert.True(new GaleraOptionsValidator().Validate(null, new GaleraOptions()).Succeeded);
    }

    public static TheoryData<string, Action<AgentOptions>, string> BadAgent => new()
    {
        { "no node name", o => o.NodeName = "", "Agent:NodeName" },
        { "cluster with spaces", o => o.ClusterName = "my cluster", "Agent:ClusterName" },
        { "unknown role", o => o.Role = "postgres", "Agent:Role 'postgres'" },
        { "ftp collector", o => o.CollectorUrl = "ftp://x", "Agent:CollectorUrl" },
        { "interval too fast", o => o.IntervalMs = 10, "Agent:IntervalMs" },
        { "buffer under 10 minutes", o => o.BufferCapacity = 100, "Agent:BufferCapacity" },
        { "batch size zero", o => o.MaxBatchSize = 0, "Agent:MaxBatchSize" },
        { "backoff max below initial", o => o.ReconnectMaxMs = 1, "Agent:ReconnectMaxMs" },
    };

    [Theory]
    [MemberData(nameof(BadAgent))]
    public void Bad_agent_settings_name_the_key(string name, Action<AgentOptions> change, string expected)
    {
        var options = ValidAgent();
        change(options);

        var result = new AgentOptionsValidator().Validate(null, options);

        Assert.True(result.Failed, name);
        Assert.Contains(result.Failures!, f => f.Contains(expected, StringComparison.Ordinal));
    }

    public static TheoryData<string, Action<GaleraOptions>, string> BadGalera => new()
    {
        { "no host or socket", o => o.Host = "", "Galera:Host or Galera:Socket" },
        { "port out of range", o => o.Port = 70000, "Galera:Port" },
        { "no user", o => o.User = " ", "Galera:User" },
        { "relative datadir", o => o.DataDirectory = "data", "Galera:DataDirectory" },
        { "relative pid file", o => o.PidFile = "mysqld.pid", "Galera:PidFile" },
        { "sampler timeout too short", o => o.SamplerTimeoutMs = 1, "Galera:SamplerTimeoutMs" },
    };

    [Theory]
    [MemberData(nameof(BadGalera))]
    public void Bad_galera_settings_name_the_key(string name, Action<GaleraOptions> change, string expected)
    {
        var options = new GaleraOptions();
        change(options);

        var result = new GaleraOptionsValidator().Validate(null, options);

        Assert.True(result.Failed, name);
        Assert.Contains(result.Failures!, f => f.Contains(expected, StringComparison.Ordinal));
    }

    public static TheoryData<string, Action<ProxySqlOptions>, string?> ProxySqlCases => new()
    {
        { "defaults", _ => { }, null },
        { "frontend port instead of admin", o => o.Port = 6033, "ProxySql:Port 6033 is ProxySQL's MySQL frontend" },
        { "no admin user", o => o.User = " ", "ProxySql:User is empty" },
        { "sampler timeout too short", o => o.SamplerTimeoutMs = 10, "ProxySql:SamplerTimeoutMs" },
        { "no host", o => o.Host = "", "ProxySql:Host is empty" },
        { "process mode without pid file", o => { o.ServiceControl = "process"; o.StartCommand = ["/usr/bin/proxysql", "-f"]; }, "needs an absolute ProxySql:PidFile" },
        { "restart that would drop the applied config", o => { o.ServiceControl = "process"; o.PidFile = "/run/p.pid"; o.StartCommand = ["/usr/bin/proxysql", "--initial"]; }, "must not contain --initial" },
        { "unknown service control", o => o.ServiceControl = "docker", "must be systemd or process" },
        { "relative log path", o => o.LogPath = "proxysql.log", "ProxySql:LogPath 'proxysql.log' must be an absolute path" },
        { "log path set", o => o.LogPath = "/var/lib/proxysql/proxysql.log", null },
    };

    [Theory]
    [MemberData(nameof(ProxySqlCases))]
    public void ProxySql_settings_are_checked_for_a_proxysql_agent_only(string name, Action<ProxySqlOptions> change, string? expected)
    {
        var options = new ProxySqlOptions();
        change(options);
        var proxyAgent = ValidAgent();
        proxyAgent.Role = "proxysql";

        var result = new ProxySqlOptionsValidator(Microsoft.Extensions.Options.Options.Create(proxyAgent)).Validate(null, options);

        Assert.True(expected is null ? result.Succeeded : result.Failures!.Any(f => f.Contains(expected, StringComparison.Ordinal)), name);
        Assert.True(new ProxySqlOptionsValidator(Microsoft.Extensions.Options.Options.Create(ValidAgent())).Validate(null, options).Succeeded); // a galera agent ignores the section
        Assert.True(new AgentOptionsValidator().Validate(null, proxyAgent).Succeeded);
    }
}
