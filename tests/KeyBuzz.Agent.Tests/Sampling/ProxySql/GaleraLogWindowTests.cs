using KeyBuzz.Agent.Sampling.ProxySql;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Tests.Sampling.ProxySql;

public sealed class GaleraLogWindowTests
{
    private static AdminTable Rows(params (string Host, long Start, string? Error)[] rows)
    {
        var table = new AdminTable { Name = "mysql_server_galera_log" };
        foreach (var (host, start, error) in rows)
        {
            var row = new AdminRow { Values = { ["hostname"] = host, ["port"] = "3306", ["time_start_us"] = start.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
            if (error is not null)
            {
                row.Values["error"] = error;
            }

            table.Rows.Add(row);
        }

        return table;
    }

    private static List<string> Sent(AdminTable table) => [.. table.Rows.Select(r => $"{r.Values["hostname"]}@{r.Values["time_start_us"]}")];

    [Fact]
    public void A_slow_check_that_lands_behind_faster_ones_is_still_sent_once()
    {
        var window = new GaleraLogWindow();
        Assert.Contains("rn <= 1", window.Query, StringComparison.Ordinal);
        Assert.Equal(["n1@1000000", "n2@1100000"], Sent(window.Fresh(Rows(("n1", 1_000_000, null), ("n2", 1_100_000, null)))));

        // n3's check started at 1.05 s but timed out and was written after n2's 1.1 s row had been read.
        Assert.Contains($"time_start_us > {1_100_000 - GaleraLogWindow.WindowUs}", window.Query, StringComparison.Ordinal);
        var next = window.Fresh(Rows(("n1", 1_000_000, null), ("n3", 1_050_000, "timeout"), ("n2", 1_100_000, null), ("n1", 2_000_000, null)));
        Assert.Equal(["n3@1050000", "n1@2000000"], Sent(next));

        Assert.Empty(window.Fresh(Rows(("n3", 1_050_000, "timeout"), ("n1", 2_000_000, null))).Rows);
    }

    [Fact]
    public void Rows_older_than_the_window_are_forgotten()
    {
        var window = new GaleraLogWindow();
        window.Fresh(Rows(("n1", 1_000_000, null)));
        var late = 1_000_000 + GaleraLogWindow.WindowUs + 1;
        Assert.Equal([$"n1@{late}"], Sent(window.Fresh(Rows(("n1", late, null)))));
        Assert.Contains($"time_start_us > {late - GaleraLogWindow.WindowUs}", window.Query, StringComparison.Ordinal);
    }
}
