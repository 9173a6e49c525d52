using KeyBuzz.Agent.Sampling.ProxySql;

namespace KeyBuzz.Agent.Tests.Sampling.ProxySql;

public sealed class ProxySqlLogSamplerTests : IDisposable
{
    // The messages a real ProxySQL 2.7.2 logged (proxysql-lab.md §1, §4.3), in its usual date/file/function line layout.
    private const string TooMany = "2026-11-25 18:20:31 MySQL_HostGroups_Manager.cpp:5840:update_galera_set_writer(): [WARNING] Galera: too many writers in HG 10. Max=1, current=2\n";
    private const string Other = "2026-11-25 18:20:32 MySQL_Monitor.cpp:3358:monitor_galera_thread_HG(): [ERROR] Galera: we couldn't find any healthy node for writer HG 10\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("kb-proxysql-log-").FullName;

    private string Log => Path.Combine(_dir, "proxysql.log");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(string Total, string Last)> Sample(ProxySqlLogSampler sampler)
    {
        var row = (await sampler.SampleAsync(CancellationToken.None)).Rows.Single().Values;
        return (row["too_many_writers_total"], row["last_too_many_writers"]);
    }

    [Fact]
    public async Task Counts_only_lines_appended_after_start_and_waits_for_a_whole_line()
    {
        await File.WriteAllTextAsync(Log, TooMany + TooMany);
        var sampler = new ProxySqlLogSampler(Log);
        Assert.Equal("0", (await Sample(sampler)).Total); // history before the agent started is not counted

        await File.AppendAllTextAsync(Log, Other + TooMany + TooMany[..40]);
        var (total, last) = await Sample(sampler);
        Assert.Equal("1", total);
        Assert.Contains("Galera: too many writers in HG 10. Max=1, current=2", last, StringComparison.Ordinal);

        await File.AppendAllTextAsync(Log, TooMany[40..]);
        Assert.Equal("2", (await Sample(sampler)).Total);
        Assert.Equal("2", (await Sample(sampler)).Total);
    }

    [Fact]
    public async Task A_truncated_or_rotated_log_is_read_from_its_start()
    {
        await File.WriteAllTextAsync(Log, Other + Other + Other);
        var sampler = new ProxySqlLogSampler(Log);
        await Sample(sampler);

        await File.WriteAllTextAsync(Log, TooMany); // copytruncate, then a new line: shorter than before
        Assert.Equal("1", (await Sample(sampler)).Total);
    }

    [Fact]
    public async Task An_unreadable_log_names_the_file_and_the_fix()
    {
        var sampler = new ProxySqlLogSampler(Path.Combine(_dir, "missing.log"));

        var error = await Assert.ThrowsAsync<IOException>(() => sampler.SampleAsync(CancellationToken.None));
        Assert.Contains("missing.log cannot be read", error.Message, StringComparison.Ordinal);
        Assert.Contains("ProxySql:LogPath", error.Message, StringComparison.Ordinal);
    }
}
