using System.Text.Json;
using System.Text.Json.Serialization;
using KeyBuzz.Agent.Options;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Commands;

/// <summary>
/// The result of every command this agent carried out, by id, on disk: the collector re-sends a
/// command until it sees its effect, and a re-delivered id gets the recorded answer instead of a
/// second execution (commands are idempotent). Keeps the latest entries only.
/// </summary>
internal sealed class CommandResults(IOptions<AgentOptions> options)
{
    private const int Keep = 256;
    private readonly Lock _lock = new();
    private readonly string _path = Path.Combine(options.Value.StateDirectory, "command-results.json");
    private List<Entry>? _entries;

    public CommandResult? Recorded(string commandId)
    {
        lock (_lock)
        {
            var entry = Load().FindLast(e => e.Id == commandId);
            return entry is null ? null : new CommandResult { CommandId = entry.Id, Accepted = entry.Accepted, Outcome = entry.Outcome, Message = entry.Message, Repeated = true };
        }
    }

    public void Record(CommandResult result)
    {
        lock (_lock)
        {
            var entries = Load();
            entries.Add(new Entry(result.CommandId, result.Accepted, result.Outcome, result.Message));
            if (entries.Count > Keep)
            {
                entries.RemoveRange(0, entries.Count - Keep);
            }

            Directory.CreateDirectory(options.Value.StateDirectory);
            var temp = _path + ".tmp";
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, entries, CommandResultsJson.Default.ListEntry);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, _path, overwrite: true);
        }
    }

    private List<Entry> Load()
    {
        if (_entries is not null)
        {
            return _entries;
        }

        try
        {
            _entries = File.Exists(_path) ? JsonSerializer.Deserialize(File.ReadAllText(_path), CommandResultsJson.Default.ListEntry) ?? [] : [];
        }
        catch (JsonException)
        {
            // A torn journal only loses old answers: single use is still enforced by the grant ledger.
            _entries = [];
        }

        return _entries;
    }

    internal sealed record Entry(string Id, bool Accepted, string Outcome, string Message);
}

[JsonSerializable(typeof(List<CommandResults.Entry>))]
internal sealed partial class CommandResultsJson : JsonSerializerContext;
