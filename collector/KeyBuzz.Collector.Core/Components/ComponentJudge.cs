namespace KeyBuzz.Collector.Core.Components;

/// <summary>
/// Judges a pending Primary Component against the latest legit one (pure). Legit: it is the first
/// one seen, a human decided its bootstrap, or a member caught up at or above the highest seqno
/// seen committed in the latest one. Forked: another history, or a caught-up member below that
/// seqno (a member carried over from the latest component by a membership change gets a second reading, for apply lag).
/// </summary>
internal static class ComponentJudge
{
    private static readonly TimeSpan HumanGrantValidity = TimeSpan.FromMinutes(10);

    public static ComponentLedger Judge(ComponentLedger ledger, PrimaryComponent component, Sighting seen, IReadOnlyList<HumanBootstrap> humans)
    {
        if (ledger.Latest is null || ledger.Latest.Id == component.Id)
        {
            return Legit(ledger, component, "the first Primary Component this collector saw");
        }

        // Readings of different nodes can arrive out of time order (an agent resends what it buffered
        // while the collector was away): a component sampled before the latest one began is judged
        // against the one that was latest then, never against commits made after it.
        if (ReferenceAt(ledger, seen.At) is not { } latest)
        {
            return Legit(ledger, component, $"sampled at {seen.At:HH:mm:ss.fff}, before every Primary Component this collector knows (a late reading): nothing to judge it against");
        }

        var human = humans.FirstOrDefault(h => h.Node == seen.Node && h.Uuid == component.Uuid && !ledger.ConsumedGrants.Contains(h.GrantId) &&
            seen.At - h.At < HumanGrantValidity && seen.At >= h.At.AddSeconds(-5));
        if (human is not null && component.Members.Count == 1)
        {
            var given = human.Seqno < latest.Committed ? $"; the commits {human.Seqno + 1}..{latest.Committed} seen before are given up by that decision" : string.Empty;
            ledger = ledger with { ConsumedGrants = ledger.ConsumedGrants.Add(human.GrantId) };
            return Legit(ledger, component with { Committed = Math.Max(component.Committed, human.Seqno) }, $"bootstrapped from {human.Uuid}:{human.Seqno} by {human.By} grant {human.GrantId}{given}", inherit: false);
        }

        if (component.Uuid != latest.Uuid)
        {
            return Forked(ledger, component, latest, seen.Committed,
                $"a Primary Component of another cluster history ({component.Uuid}) formed on {seen.Node}; the latest history {latest.Uuid}, committed up to seqno {latest.Committed}, is not in it");
        }

        if (seen.CaughtUp)
        {
            var checks = component.CaughtUpChecks + 1;
            if (seen.Committed >= latest.Committed)
            {
                return Legit(ledger, component, $"{seen.Node} caught up at seqno {seen.Committed}, at or above seqno {latest.Committed} committed in the latest Primary Component");
            }

            // A member of the latest component carried into a membership change may still be applying what it received.
            if (latest.Members.Contains(seen.Node) && component.ConfId > latest.ConfId && checks < 2)
            {
                return ComponentObserver.Replace(ledger, component with { CaughtUpChecks = checks });
            }

            return Forked(ledger, component, latest, seen.Committed,
                $"{seen.Node} is Synced at seqno {seen.Committed} in {component.Describe()}, below seqno {latest.Committed} committed in the latest Primary Component {latest.Describe()}: it lacks {latest.Committed - seen.Committed} commits");
        }

        if (seen.At - component.FirstSeen > ComponentObserver.JudgeWithin)
        {
            return component.Committed >= latest.Committed
                ? Legit(ledger, component, $"reached seqno {component.Committed}, at or above seqno {latest.Committed} of the latest Primary Component")
                : Forked(ledger, component, latest, component.Committed, $"no member caught up within {ComponentObserver.JudgeWithin.TotalSeconds:0} s and it holds seqno {component.Committed} at most, below seqno {latest.Committed} committed in the latest Primary Component {latest.Describe()}");
        }

        return ledger;
    }

    /// <summary>
    /// The legit component a sighting is judged against: the latest, unless the sighting was sampled
    /// before the latest was first seen; then the newest legit one first seen by then (null: none).
    /// </summary>
    private static PrimaryComponent? ReferenceAt(ComponentLedger ledger, DateTimeOffset at) =>
        ledger.Latest is { } latest && at >= latest.FirstSeen
            ? latest
            : ledger.Components.Where(c => c.Verdict == ComponentVerdict.Legit && c.FirstSeen <= at).MaxBy(c => c.FirstSeen);

    private static ComponentLedger Legit(ComponentLedger ledger, PrimaryComponent component, string reason, bool inherit = true)
    {
        var reference = ReferenceAt(ledger, component.FirstSeen);
        var committed = inherit && reference is not null && reference.Id != component.Id && reference.Uuid == component.Uuid ? Math.Max(component.Committed, reference.Committed) : component.Committed;
        var judged = component with { Verdict = ComponentVerdict.Legit, Reason = reason, Committed = committed };
        ledger = ComponentObserver.Replace(ledger, judged);

        // A late reading's component is history: it never takes the place of a later one.
        return ledger.Latest is { } latest && latest.Id != judged.Id && latest.FirstSeen > judged.FirstSeen ? ledger : ledger with { LatestId = judged.Id };
    }

    private static ComponentLedger Forked(ComponentLedger ledger, PrimaryComponent component, PrimaryComponent latest, long startedAt, string reason)
    {
        var judged = component with { Verdict = ComponentVerdict.Forked, Reason = reason };
        ledger = ComponentObserver.Replace(ledger, judged);
        if (ledger.ActiveFork is not null)
        {
            return ledger; // the first fork found stays the one to resolve
        }

        var newer = latest.Members.Where(m => !judged.Members.Contains(m)).ToList();
        return ledger with { Fork = new ForkFinding(judged.Id, judged.Uuid, startedAt, [.. judged.Members], latest.Id, newer, latest.Committed, judged.LastSeen, reason) };
    }
}
