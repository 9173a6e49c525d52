using KeyBuzz.Agent.Core.Recovery;

namespace KeyBuzz.Agent.Core.Tests.Recovery;

public sealed class WsrepRecoverOutputTests
{
    [Fact]
    public void Real_output_yields_the_position()
    {
        const string log = """
            2026-11-25 19:33:25 0 [Note] InnoDB: log sequence number 70448; transaction id 86
            2026-11-25 19:33:25 0 [Note] Recovering after a crash using tc.log
            2026-11-25 19:33:25 0 [Note] Server socket created on IP: '127.0.0.12', port: '3306'.
            2026-11-25 19:33:25 0 [Note] WSREP: Recovered position: 74B40C19-e905-11f1-a459-5e998b5f3507:20
            """;

        var output = WsrepRecoverOutput.Parse(log, 0);

        Assert.True(output.Ok);
        Assert.Equal("74b40c19-e905-11f1-a459-5e998b5f3507", output.Uuid);
        Assert.Equal(20, output.Seqno);
        Assert.False(output.PreparedTransactions);
    }

    [Fact]
    public void Empty_datadir_recovers_minus_one() =>
        Assert.Equal(-1, WsrepRecoverOutput.Parse("[Note] WSREP: Recovered position: 00000000-0000-0000-0000-000000000000:-1", 0).Seqno);

    [Fact]
    public void Prepared_transactions_are_flagged()
    {
        var output = WsrepRecoverOutput.Parse("[ERROR] Found 2 prepared transactions! It means that server was not shut down properly\n[Note] WSREP: Recovered position: 74b40c19-e905-11f1-a459-5e998b5f3507:20", 0);

        Assert.True(output.PreparedTransactions);
    }

    [Fact]
    public void A_failed_run_reports_the_last_error_line()
    {
        var output = WsrepRecoverOutput.Parse("2026-11-25 19:33:25 0 [ERROR] mariadbd: unknown variable 'no_such_option=1'\n2026-11-25 19:33:25 0 [ERROR] Aborting\n", 1);

        Assert.False(output.Ok);
        Assert.Equal("exit code 1: Aborting", output.Error);
    }

    [Fact]
    public void No_output_at_all_is_an_error() =>
        Assert.Contains("no 'Recovered position'", WsrepRecoverOutput.Parse(string.Empty, 1).Error, StringComparison.Ordinal);
}
