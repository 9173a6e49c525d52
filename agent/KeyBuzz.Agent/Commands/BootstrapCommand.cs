using KeyBuzz.Agent.Core.Evidence;
using KeyBuzz.Agent.Core.Repair;
using KeyBuzz.Agent.Io;
using KeyBuzz.Agent.Options;
using KeyBuzz.Agent.Repair;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Commands;

/// <summary>
/// A bootstrap grant: the cheap guards first (single use, both clocks, nobody Primary), then the
/// agent re-derives its position from the datadir as it is — proving it is the datadir the granted
/// position was reported from and recovering on it again — and acts only on exactly that position.
/// </summary>
internal sealed class BootstrapCommand(
    LocalObserver observer,
    IDatadirProbe datadir,
    PositionRecovery recovery,
    IServiceControl service,
    RepairState state,
    GrantLedger ledger,
    GrastateEditor grastate,
    PeerProbe peers,
    CommandGate gate,
    IOptions<GaleraOptions> galera,
    TimeProvider time)
{
    public async Task<CommandResult> ExecuteAsync(Command command, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var local = await observer.ObserveAsync(cancellationToken);
        var primaryPeers = await peers.PrimaryPeersAsync(cancellationToken);
        var inputs = new GrantInputs(
            gate.NodeName, command.Node, ledger.IsUsed(command.CommandId), time.GetUtcNow(), receivedAt,
            DateTimeOffset.FromUnixTimeMilliseconds(command.IssuedAtUnixMs), TimeSpan.FromMilliseconds(command.TtlMs), CommandGate.ClockSkewAllowance,
            local.MariadbRunning, gate.Advice, primaryPeers, command.Forced);
        if (GrantCheck.Refusal(inputs) is { } refusal)
        {
            return await RefuseAsync(command, refusal, local.MariadbRunning || inputs.GrantNode != inputs.MyNode || inputs.AlreadyUsed || inputs.Advice is null or { Maintenance: true }, cancellationToken);
        }

        var before = datadir.Identity();
        var change = command.ExpectedDatadir.Length == 0 || command.ExpectedDatadir == before.Token ? null : Change(command.ExpectedDatadir, before);
        var rederived = change is null ? await recovery.RecoverAsync(cancellationToken) : null;
        if (GrantCheck.EvidenceRefusal(new GrantEvidence(rederived, change, command.ExpectedUuid, command.ExpectedSeqno, command.Forced)) is { } wrong)
        {
            // A changed datadir is re-read by the repair loop once it settles (it may still be being restored).
            return await RefuseAsync(command, wrong, rederived is not null || change is not null, cancellationToken);
        }

        // The recovery took seconds: the grant and the "nobody Primary" checks must still hold.
        if (GrantCheck.Refusal(inputs with { Now = time.GetUtcNow(), Advice = gate.Advice, PeersPrimary = await peers.PrimaryPeersAsync(cancellationToken) }) is { } late)
        {
            return gate.Refuse(command, late);
        }

        var position = rederived!.Position!;
        ledger.MarkUsed(command.CommandId);
        var backup = await grastate.EnsureSafeToBootstrapAsync(galera.Value.DataDirectory, $"round{command.Round}", cancellationToken);
        gate.Executing(command, $"bootstrapping from {position} (re-derived from the datadir just now){(backup is null ? string.Empty : $"; safe_to_bootstrap set, backup {backup}")}");
        state.HoldDown(DateTimeOffset.MinValue, string.Empty); // a fence of this round ends: the round starts this node now
        state.SetStatus("bootstrapping", $"round {command.Round}: bootstrapping a new Primary Component from {position}", 0);
        await service.BootstrapAsync(position, cancellationToken);
        return CommandGate.Result(command, true, "started", $"bootstrap started from {position}, re-derived from the datadir right before");
    }

    /// <summary>
    /// The collector never decides again on the evidence a grant was refused on: re-derive it now
    /// (unless that was just done, or this grant was not ours to act on), so the next decision rests
    /// on the datadir as it is.
    /// </summary>
    private async Task<CommandResult> RefuseAsync(Command command, string reason, bool skipRederive, CancellationToken cancellationToken)
    {
        if (!skipRederive)
        {
            await recovery.RecoverAsync(cancellationToken);
        }

        return gate.Refuse(command, reason);
    }

    /// <summary>What changed, in words when this agent still knows the identity the position came from.</summary>
    private string Change(string expected, DatadirIdentity now) =>
        state.Evidence() is { } reported && reported.Datadir.Token == expected
            ? now.DifferenceFrom(reported.Datadir) is { Length: > 0 } words ? words : $"identity {expected} → {now.Token}"
            : $"identity {expected} → {now.Token}";
}
