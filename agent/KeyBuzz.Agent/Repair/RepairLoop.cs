using KeyBuzz.Agent.Core.Evidence;
using KeyBuzz.Agent.Core.Repair;
using KeyBuzz.Agent.Diagnostics;
using KeyBuzz.Agent.Io;
using KeyBuzz.Agent.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Repair;

/// <summary>
/// Once per interval: keep the position evidence of a stopped datadir current (re-derive it whenever
/// the datadir changes), then ask the pure guard whether a crashed mariadbd may be restarted, and act.
/// </summary>
internal sealed class RepairLoop(
    LocalObserver observer,
    Io.IProcessProbe probe,
    IDatadirProbe datadir,
    PositionRecovery recovery,
    IServiceControl service,
    RepairState state,
    RepairJournal journal,
    NodeActionLock actionLock,
    IOptions<AgentOptions> agent,
    IOptions<RepairOptions> repair,
    TimeProvider time,
    ILogger<RepairLoop> logger) : BackgroundService
{
    private RestartBudget _budget = RestartBudget.Fresh(1, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1));
    private DateTimeOffset? _downSince;
    private bool _wasInMaintenance;
    private string _lastLogged = string.Empty;
    private DatadirIdentity? _lastIdentity;
    private DateTimeOffset _datadirChangedAt = DateTimeOffset.MinValue;
    private DateTimeOffset? _lastFailureAt;
    private int _failures;
    private bool _wasRunning;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!repair.Value.Enabled)
        {
            state.SetStatus("disabled", "Repair:Enabled is false: observing only", 0);
            return;
        }

        _budget = journal.Load();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(agent.Value.IntervalMs), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using (await actionLock.AcquireAsync(stoppingToken))
                {
                    await StepAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is IOException or TimeoutException or UnauthorizedAccessException or InvalidOperationException)
            {
                Log.RepairFailed(logger, ex.Message);
                state.SetStatus("error", ex.Message, (uint)_budget.AttemptsInWindow(time.GetUtcNow()));
            }
        }
    }

    private async Task StepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var o = repair.Value;
        var advice = state.FreshAdvice(TimeSpan.FromMilliseconds(o.AdviceMaxAgeMs));
        ReleaseOnMaintenanceCycle(advice);
        if (state.ReleaseEndedRound(advice))
        {
            Log.RoundHoldReleased(logger);
        }
        var local = await observer.ObserveAsync(cancellationToken);
        // The node's own mariadbd's writes (while it runs, and as it stops) are not someone changing the datadir;
        // another mariadbd on it (mariadb-install-db, a hand run) is.
        var serverRunning = probe.IsNodeServerRunning();
        var identity = TrackDatadir(datadir.Identity(), now, ours: serverRunning || _wasRunning);
        _wasRunning = serverRunning;
        _downSince = local.MariadbRunning ? null : _downSince ?? now;

        var (verdict, _) = RecoverPolicy.Decide(new RecoverInputs(
            now, local.MariadbRunning, advice?.Maintenance == true, state.Evidence(), identity, _datadirChangedAt, _lastFailureAt, _failures));
        if (verdict != RecoverPolicy.Verdict.Keep)
        {
            var evidence = await recovery.RecoverAsync(cancellationToken);
            Log.PositionRecovered(logger, evidence.Describe() + (evidence.Disagreement is { } d ? $"; {d}" : string.Empty));
            (_lastFailureAt, _failures) = evidence.Error is null ? ((DateTimeOffset?)null, 0) : (time.GetUtcNow(), _failures + 1);
            identity = TrackDatadir(evidence.Datadir, time.GetUtcNow(), ours: true);
        }

        if (state.HeldDown() is { } drill)
        {
            state.SetStatus("stopped", drill, (uint)_budget.AttemptsInWindow(now));
            return;
        }

        var decision = RepairGuard.Decide(new RepairInputs(
            now, local.MariadbRunning, local.Grastate?.Seqno, state.FreshEvidence(identity), advice, _budget,
            _downSince ?? now, TimeSpan.FromSeconds(o.EvictionWaitMaxSeconds)));
        Report(decision, now);

        switch (decision.Action)
        {
            case RepairAction.Restart:
                Spend(now);
                Log.Restarting(logger, decision.Reason);
                if (decision.StartPosition is null)
                {
                    GrastateEditor.SetAsideOnEmptyDatadir(datadir.Root, local.Grastate, "empty");
                }

                await service.StartAsync(decision.StartPosition, cancellationToken);
                break;
            case RepairAction.Hold:
                _budget = _budget.Hold();
                journal.Save(_budget);
                Log.Held(logger, decision.Reason);
                break;
            case RepairAction.None:
            default:
                break;
        }
    }

    /// <summary>Remembers when the datadir last changed; a change by someone else resets the failure count.</summary>
    private DatadirIdentity TrackDatadir(DatadirIdentity identity, DateTimeOffset now, bool ours = false)
    {
        if (_lastIdentity is { } last && last.Token != identity.Token)
        {
            if (!ours && state.Evidence() is { } evidence && evidence.Datadir.Token == last.Token)
            {
                Log.DatadirChanged(logger, identity.DifferenceFrom(last));
            }

            if (!ours)
            {
                _datadirChangedAt = now;
                (_lastFailureAt, _failures) = (null, 0);
            }
        }

        _lastIdentity = identity;
        return identity;
    }

    private void Spend(DateTimeOffset now)
    {
        _budget = _budget.Record(now);
        journal.Save(_budget);
    }

    /// <summary>An operator releases a held node by putting it in maintenance and taking it out again.</summary>
    private void ReleaseOnMaintenanceCycle(AdviceView? advice)
    {
        if (advice is null)
        {
            return;
        }

        if (_wasInMaintenance && !advice.Maintenance && (_budget.Held || _budget.Attempts.Count > 0))
        {
            _budget = _budget.Release();
            journal.Save(_budget);
            Log.Released(logger);
        }

        _wasInMaintenance = advice.Maintenance;
    }

    private void Report(RepairDecision decision, DateTimeOffset now)
    {
        state.SetStatus(decision.State, decision.Reason, (uint)_budget.AttemptsInWindow(now));
        var line = $"{decision.State}: {decision.Reason}";
        if (line != _lastLogged && decision.State != "idle")
        {
            Log.RepairState(logger, decision.State, decision.Reason);
        }

        _lastLogged = line;
    }
}
