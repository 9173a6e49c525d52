using System.Globalization;
using System.Text.RegularExpressions;
using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Chaos;

/// <summary>
/// What each agent recovered from its datadir during a run, read from the agents' own logs (the
/// collector is not asked about its own decisions): "Evidence: --wsrep-recover … U:S" lines, and
/// "the datadir changed" lines that make earlier evidence stale.
/// </summary>
internal sealed partial class EvidenceLog
{
    private readonly Dictionary<int, long> _offsets;
    private readonly ChaosLab _lab;

    private EvidenceLog(ChaosLab lab, Dictionary<int, long> offsets)
    {
        _lab = lab;
        _offsets = offsets;
    }

    public static EvidenceLog Mark(ChaosLab lab) =>
        new(lab, Enumerable.Range(1, 3).ToDictionary(n => n, n => File.Exists(lab.Agent(n).LogPath) ? new FileInfo(lab.Agent(n).LogPath).Length : 0));

    /// <summary>Per node, the seqno its latest fresh evidence before <paramref name="at"/> showed (for cluster state UUID <paramref name="uuid"/>).</summary>
    public IReadOnlyDictionary<int, long> PositionsBefore(DateTimeOffset at, string uuid)
    {
        var positions = new Dictionary<int, long>();
        foreach (var (node, offset) in _offsets)
        {
            long? seqno = null;
            foreach (var line in LinesSince(_lab.Agent(node).LogPath, offset))
            {
                if (Stamp(line, at) is not { } when || when > at)
                {
                    continue;
                }

                if (line.Contains("Evidence: the datadir changed", StringComparison.Ordinal) || line.Contains(" starting: node ", StringComparison.Ordinal))
                {
                    seqno = null; // what it recovered before is stale, or forgotten by a restarted agent
                }
                else if (PositionLine().Match(line) is { Success: true } m)
                {
                    seqno = string.Equals(m.Groups["uuid"].Value, uuid, StringComparison.OrdinalIgnoreCase) ? long.Parse(m.Groups["seqno"].Value, CultureInfo.InvariantCulture) : null;
                }
            }

            if (seqno is { } known)
            {
                positions[node] = known;
            }
        }

        return positions;
    }

    private static IEnumerable<string> LinesSince(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    /// <summary>The agent logs HH:mm:ss.fff in UTC (this machine's time zone): the day is the grant's.</summary>
    private static DateTimeOffset? Stamp(string line, DateTimeOffset day) =>
        line.Length > 12 && TimeSpan.TryParseExact(line[..12], @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture, out var time)
            ? new DateTimeOffset(day.UtcDateTime.Date + time, TimeSpan.Zero)
            : null;

    [GeneratedRegex(@"Evidence: --wsrep-recover on the datadir as it is now: (?<uuid>[0-9a-f-]{36}):(?<seqno>\d+)")]
    private static partial Regex PositionLine();
}
