namespace KeyBuzz.Collector.Core.Components;

/// <summary>One node seen Primary in one reading.</summary>
/// <param name="View">Which members the node sees (size and sorted wsrep_incoming_addresses): two components may share a conf_id.</param>
/// <param name="CaughtUp">Synced with an empty receive queue: its last committed is everything it received.</param>
internal sealed record Sighting(string Node, DateTimeOffset At, long Committed, long Size, string View, bool CaughtUp);
