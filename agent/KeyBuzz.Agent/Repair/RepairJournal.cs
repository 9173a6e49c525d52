using System.Text.Json;
using System.Text.Json.Serialization;
using KeyBuzz.Agent.Core.Repair;
using KeyBuzz.Agent.Options;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Repair;

/// <summary>Persists the restart budget, so restarting the agent does not reset a crash-loop hold.</summary>
internal sealed class RepairJournal(IOptions<AgentOptions> agent, IOptions<RepairOptions> repair)
{
    private readonly string _path = Path.Combine(agent.Value.StateDirectory, "repair.json");

    public RestartBudget Load()
    {
        var o = repair.Value;
        var fresh = RestartBudget.Fresh(o.MaxRestarts, TimeSpan.FromMinutes(o.WindowMinutes), TimeSpan.FromSeconds(o.BackoffSeconds));
        try
        {
            if (File.Exists(_path) && JsonSerializer.Deserialize(File.ReadAllText(_path), RepairJournalJson.Default.JournalData) is { } data)
            {
                return fresh with { Attempts = data.Attempts, Held = data.Held };
            }
        }
        catch (JsonException)
        {
            // A torn journal only loses the budget history; start fresh rather than refuse to run.
        }

        return fresh;
    }

    public void Save(RestartBudget budget)
    {
        Directory.CreateDirectory(agent.Value.StateDirectory);
        var temp = _path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(new JournalData([.. budget.Attempts], budget.Held), RepairJournalJson.Default.JournalData));
        File.Move(temp, _path, overwrite: true);
    }

    internal sealed record JournalData(List<DateTimeOffset> Attempts, bool Held);
}

[JsonSerializable(typeof(RepairJournal.JournalData))]
internal sealed partial class RepairJournalJson : JsonSerializerContext;
