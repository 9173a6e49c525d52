using System.Collections.Immutable;
using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.Components;

/// <summary>
/// Folds each node reading into the ledger (pure). A new Primary Component is judged the moment a
/// member shows a caught-up position in it: it must hold every commit the latest legit component
/// had, or have been decided by a human; anything else — Galera re-merging an old view, a stale
/// node bootstrapped by hand — is a forked history.
/// </summary>
public static class ComponentObserver
{
    /// <summary>A component last seen this recently is the same one when a reading shows its view again.</summary>
    public static readonly TimeSpan Reopen = TimeSpan.FromSeconds(10);

    /// <summary>A component still pending this long is judged on what it showed.</summary>
    public static readonly TimeSpan JudgeWithin = TimeSpan.FromSeconds(30);

    private const int Retain = 32;

    public static bool IsPrimary(NodeReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return reading.MariadbRunning && reading.SqlReachable && reading.Text(WsrepStatus.ClusterStatus) == WsrepStatus.Primary;
    }

    public static ComponentLedger Observe(ComponentLedger ledger, string node, NodeReading reading, IReadOnlyList<HumanBootstrap> humans)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(humans);
        if (reading.MariadbRunning && !reading.SqlReachable)
        {
            return ledger; // running but not answering: nothing is known either way
        }

        if (!IsPrimary(reading) || reading.Text(WsrepStatus.ClusterStateUuid) is not { Length: > 0 } uuid || reading.Long(WsrepStatus.ClusterConfId) is not { } conf)
        {
            return Leave(ledger, node);
        }

        var size = reading.Long(WsrepStatus.ClusterSize) ?? 1;
        var seen = new Sighting(node, reading.SampledAt, reading.Long(WsrepStatus.LastCommitted) ?? -1, size, ViewOf(reading, size),
            reading.Text(WsrepStatus.LocalStateComment) == WsrepStatus.Synced && (reading.Long(WsrepStatus.RecvQueue) ?? 0) == 0);
        if (ledger.LastComponentOf.TryGetValue(node, out var lastId) && ledger.Find(lastId) is { } last && (last.Uuid != uuid || last.ConfId != conf || last.View != seen.View))
        {
            ledger = Leave(ledger, node);
        }

        var match = ledger.Components.LastOrDefault(c => c.Uuid == uuid && c.ConfId == conf && c.View == seen.View && (c.Active.Count > 0 || seen.At - c.LastSeen <= Reopen));
        PrimaryComponent component;
        if (match is null)
        {
            component = new PrimaryComponent(
                ledger.NextId, uuid, conf, seen.View, [node], seen.Size, seen.At, seen.At, seen.Committed, ComponentVerdict.Pending, "not judged yet", [node], 0);
            ledger = ledger with { NextId = ledger.NextId + 1, Components = Trim(ledger.Components.Add(component), ledger.LatestId) };
        }
        else
        {
            component = match with
            {
                Members = match.Members.Add(node),
                Active = match.Active.Add(node),
                Size = Math.Max(match.Size, seen.Size),
                LastSeen = seen.At > match.LastSeen ? seen.At : match.LastSeen,
                Committed = Math.Max(match.Committed, seen.Committed),
            };
            ledger = Replace(ledger, component);
        }

        ledger = ledger with { LastComponentOf = ledger.LastComponentOf.SetItem(node, component.Id) };
        if (component.Verdict == ComponentVerdict.Pending)
        {
            ledger = ComponentJudge.Judge(ledger, component, seen, humans);
        }
        else if (component.Verdict == ComponentVerdict.Forked && ledger.Fork is { } fork && fork.ComponentId == component.Id && !fork.ForkNodes.Contains(node))
        {
            ledger = ledger with { Fork = fork with { ForkNodes = [.. fork.ForkNodes, node] } };
        }
        else if (component.Verdict == ComponentVerdict.Legit && ledger.Latest is { } current && current.Id != component.Id && current.Active.Count == 0 && seen.At > current.LastSeen)
        {
            // Judged against an earlier one (its first reading looked older than the latest, e.g. clocks
            // a little apart), but it is where the members are now and the latest has none left.
            var committed = current.Uuid == component.Uuid ? Math.Max(component.Committed, current.Committed) : component.Committed;
            ledger = Replace(ledger, component with { Committed = committed }) with { LatestId = component.Id };
        }

        return ledger;
    }

    /// <summary>
    /// The membership a node sees: two sides of a split brain can both be Primary with the same
    /// state UUID and conf_id (pc.bootstrap on a stale partition), never with the same members.
    /// </summary>
    private static string ViewOf(NodeReading reading, long size)
    {
        var addresses = reading.Text(WsrepStatus.IncomingAddresses) is { Length: > 0 } text
            ? string.Join(',', text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal))
            : string.Empty;
        return $"{size}:{addresses}";
    }

    /// <summary>A human acknowledged the fork: automatic actions resume. A forked component still serving becomes the history going on.</summary>
    public static ComponentLedger Acknowledge(ComponentLedger ledger, string by)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        if (ledger.ActiveFork is not { } fork)
        {
            return ledger;
        }

        ledger = ledger with { Fork = fork with { Acknowledged = true } };
        if (ledger.Find(fork.ComponentId) is { Active.Count: > 0 } serving)
        {
            var accepted = serving with { Verdict = ComponentVerdict.Legit, Reason = $"forked history accepted by {by}: the commits only the previous history had are given up" };
            ledger = Replace(ledger, accepted) with { LatestId = accepted.Id };
        }

        return ledger;
    }

    internal static ComponentLedger Replace(ComponentLedger ledger, PrimaryComponent component) =>
        ledger with { Components = ledger.Components.Select(c => c.Id == component.Id ? component : c).ToImmutableList() };

    private static ComponentLedger Leave(ComponentLedger ledger, string node)
    {
        if (!ledger.LastComponentOf.TryGetValue(node, out var id) || ledger.Find(id) is not { } component || !component.Active.Contains(node))
        {
            return ledger;
        }

        return Replace(ledger, component with { Active = component.Active.Remove(node) });
    }

    /// <summary>Bounded: the oldest components go, but never the latest legit one nor a forked one still under a fork.</summary>
    private static ImmutableList<PrimaryComponent> Trim(ImmutableList<PrimaryComponent> components, long? keep)
    {
        while (components.Count > Retain)
        {
            var oldest = components.FirstOrDefault(c => c.Id != keep && c.Verdict != ComponentVerdict.Forked) ?? components[0];
            components = components.Remove(oldest);
        }

        return components;
    }
}
