using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Chaos;

/// <summary>The invariants of a run, each violation in words.</summary>
internal static class Invariants
{
    public static async Task<IReadOnlyList<string>> CheckAsync(ChaosLab lab, IReadOnlyCollection<long> acked, ulong before, EvidenceLog evidence, string outcome)
    {
        var violations = new List<string>();
        violations.AddRange(await LabInvariants.MissingAckedWritesAsync(lab.Cluster, acked));
        if (await LabInvariants.SecondHistoryAsync(lab.Cluster) is { } second)
        {
            violations.Add(second);
        }

        if (outcome.StartsWith("fork:", StringComparison.Ordinal))
        {
            violations.Add($"the collector found a forked history: {outcome}");
        }

        if (outcome.StartsWith("stuck", StringComparison.Ordinal))
        {
            violations.Add($"a round did not end (neither recovered nor waiting for a human with a reason): {outcome}");
        }

        var rounds = (await lab.RoundsAsync()).Rounds.Where(r => r.Id > before).ToList();
        foreach (var grant in rounds.SelectMany(r => r.Grants).Where(g => g.Accepted && g.By == "auto"))
        {
            var uuid = grant.Position[..grant.Position.LastIndexOf(':')];
            var seqno = long.Parse(grant.Position[(grant.Position.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            var positions = evidence.PositionsBefore(DateTimeOffset.FromUnixTimeMilliseconds(grant.IssuedAtUnixMs), uuid);
            foreach (var (node, theirs) in positions.Where(p => p.Value > seqno))
            {
                violations.Add($"grant {grant.Id} bootstrapped {grant.Node} from seqno {seqno} while node{node} had recovered seqno {theirs} of the same history");
            }
        }

        return violations;
    }
}
