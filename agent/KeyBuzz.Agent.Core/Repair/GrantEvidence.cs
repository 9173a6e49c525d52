using KeyBuzz.Agent.Core.Evidence;

namespace KeyBuzz.Agent.Core.Repair;

/// <summary>The datadir as the agent re-derived it right before a bootstrap, and what the grant expects.</summary>
/// <param name="Rederived">--wsrep-recover run just now on the stopped datadir.</param>
/// <param name="DatadirChange">How the datadir differs from the one the granted position was reported from (null: the same, or the grant names none).</param>
public sealed record GrantEvidence(PositionEvidence? Rederived, string? DatadirChange, string ExpectedUuid, long ExpectedSeqno, bool Forced);
