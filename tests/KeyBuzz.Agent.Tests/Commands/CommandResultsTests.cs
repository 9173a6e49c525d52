using KeyBuzz.Agent.Commands;
using KeyBuzz.Agent.Options;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Tests.Commands;

public sealed class CommandResultsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kb-results-").FullName;

    private CommandResults Open() => new(Microsoft.Extensions.Options.Options.Create(new AgentOptions { StateDirectory = _dir }));

    [Fact]
    public void A_re_delivered_command_gets_the_answer_recorded_the_first_time_even_after_a_restart()
    {
        Open().Record(new CommandResult { CommandId = "g-1", Accepted = true, Outcome = "started", Message = "bootstrap started from u:42" });

        var again = Open().Recorded("g-1");

        Assert.NotNull(again);
        Assert.Equal((true, "started", "bootstrap started from u:42", true), (again.Accepted, again.Outcome, again.Message, again.Repeated));
        Assert.Null(Open().Recorded("g-2"));
    }

    [Fact]
    public void Keeps_the_latest_answers_only()
    {
        var results = Open();
        for (var i = 0; i < 300; i++)
        {
            results.Record(new CommandResult { CommandId = $"s-{i}", Accepted = true, Outcome = "started", Message = "ok" });
        }

        Assert.Null(Open().Recorded("s-0"));
        Assert.NotNull(Open().Recorded("s-299"));
    }

    [Fact]
    public void A_torn_journal_is_read_as_empty()
    {
        File.WriteAllText(Path.Combine(_dir, "command-results.json"), "[{\"Id\":");

        Assert.Null(Open().Recorded("g-1"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
