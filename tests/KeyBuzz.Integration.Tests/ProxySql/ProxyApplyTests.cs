using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.ProxySql;

/// <summary>
/// `kbctl proxysql apply` on the lab's running pair: idempotent, a value changed by hand in an
/// admin interface is a drift (ProxySQLConfigDrift, and the --dry-run diff names it), and apply
/// puts it back, read back from the runtime before SAVE.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class ProxyApplyTests(KeyBuzzLab lab) : IAsyncLifetime
{
    public Task InitializeAsync() => lab.Cluster.HasProxies ? lab.EnsureHealthyAsync() : Task.CompletedTask;

    public Task DisposeAsync() => lab.Cluster.HasProxies ? lab.EnsureHealthyAsync() : Task.CompletedTask;

    [SkippableFact]
    public async Task Apply_on_a_running_pair_changes_nothing_finds_a_hand_made_change_and_puts_it_back()
    {
        Skip.If(!lab.Cluster.HasProxies, ProxySqlBinary.SkipReason);
        var (code, output, error) = await ProxyLab.KbctlAsync(lab, "apply");
        Assert.True(code == 0, error + output);
        Assert.Contains("proxy1: runtime already matches: nothing to do", output, StringComparison.Ordinal);
        Assert.Contains("proxy2: runtime already matches: nothing to do", output, StringComparison.Ordinal);

        // A DBA "tunes" proxy2 by hand (ProxySQL Cluster may carry it to proxy1 too).
        await ProxyLab.AdminAsync(lab, 2,
            "UPDATE global_variables SET variable_value = '2500' WHERE variable_name = 'mysql-monitor_ping_interval'",
            "LOAD MYSQL VARIABLES TO RUNTIME");
        var drift = await Poll.UntilAsync(() => ProxyLab.FiringAsync(lab, "ProxySQLConfigDrift", "proxy2"), TimeSpan.FromSeconds(30), "ProxySQLConfigDrift fires for proxy2");
        Assert.Contains("mysql-monitor_ping_interval", drift.Description, StringComparison.Ordinal);

        (code, output, error) = await ProxyLab.KbctlAsync(lab, "apply", "--dry-run");
        Assert.True(code == 0, error + output);
        Assert.Contains("proxy2: MYSQL VARIABLES", output, StringComparison.Ordinal);
        Assert.Contains("mysql-monitor_ping_interval", output, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was changed.", output, StringComparison.Ordinal);

        (code, output, error) = await ProxyLab.KbctlAsync(lab, "apply");
        Assert.True(code == 0, error + output);
        Assert.Contains("proxy2: MYSQL VARIABLES loaded, read back from runtime, saved to disk", output, StringComparison.Ordinal);
        await Poll.UntilAsync(async () => await ProxyLab.FiringAsync(lab, "ProxySQLConfigDrift") is null, TimeSpan.FromSeconds(30), "the drift resolves");
        (code, output, _) = await ProxyLab.KbctlAsync(lab, "apply", "--dry-run");
        Assert.Equal(0, code);
        Assert.Contains("proxy2: runtime already matches: nothing to do", output, StringComparison.Ordinal);
    }
}
