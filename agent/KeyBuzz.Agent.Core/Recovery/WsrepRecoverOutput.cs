using System.Globalization;
using System.Text.RegularExpressions;

namespace KeyBuzz.Agent.Core.Recovery;

/// <summary>What `mariadbd --wsrep-recover` printed: the recovered position, or why there is none.</summary>
public sealed partial record WsrepRecoverOutput(string? Uuid, long Seqno, bool PreparedTransactions, string? Error)
{
    public bool Ok => Error is null && Uuid is not null;

    /// <summary>Parses the error log of a --wsrep-recover run (the last "Recovered position" wins).</summary>
    public static WsrepRecoverOutput Parse(string log, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(log);
        var prepared = PreparedPattern().IsMatch(log);
        var matches = PositionPattern().Matches(log);
        if (matches.Count == 0)
        {
            var lastError = log.Split('\n').LastOrDefault(l => l.Contains("[ERROR]", StringComparison.Ordinal))?.Trim();
            return new(null, -1, prepared, lastError is null
                ? $"no 'Recovered position' in the output (exit code {exitCode})"
                : $"exit code {exitCode}: {lastError[(lastError.IndexOf("[ERROR]", StringComparison.Ordinal) + 7)..].Trim()}");
        }

        var match = matches[^1];
        var seqno = long.Parse(match.Groups["seqno"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return new(match.Groups["uuid"].Value.ToLowerInvariant(), seqno, prepared, null);
    }

    [GeneratedRegex(@"WSREP: Recovered position:\s*(?<uuid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}):(?<seqno>-?\d+)")]
    private static partial Regex PositionPattern();

    [GeneratedRegex(@"Found \d+ prepared transactions?")]
    private static partial Regex PreparedPattern();
}
