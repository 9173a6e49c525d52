using KeyBuzz.Agent.Core.Repair;
using KeyBuzz.Agent.Diagnostics;
using KeyBuzz.Agent.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Repair;

/// <summary>
/// Guarded local self-repair, once per interval: observe, ask the pure guard, act. Recovers the
/// position of a crashed node and restarts it only when the guard allows; holds a crash loop.
/// </summary>
internal sealed class RepairLoop(
    LocalObserver observer,
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
        if (state.HeldDown() is { } drill)
        {
            state.SetStatus("stopped", drill, (uint)_budget.AttemptsInWindow(now));
            return;
        }

        var local = await observer.ObserveAsync(cancellationToken);
        if (local.MariadbRunning)
        {
            if (_downSince is not null)
            {
                state.SetRecovered(null, null); // a new down episode needs a new --wsrep-recover
            }

            _downSince = null;
        }
        else
        {
            _downSince ??= now;
        }

        var (report, recovered) = state.Recovered();
        var recoverError = report is null ? null : report.Error.Length > 0 ? report.Error : recovered is null ? "no usable committed position (empty datadir or prepared transactions)" : null;
        var decision = RepairGuard.Decide(new RepairInputs(
            now, local.MariadbRunning, local.Grastate?.Seqno, local.Grastate?.Uuid, recovered, recoverError, advice, _budget,
            _downSince ?? now, TimeSpan.FromSeconds(o.EvictionWaitMaxSeconds)));
        Report(decision, now);

        switch (decision.Action)
        {
            case RepairAction.RecoverPosition:
                if (recoverError is not null)
                {
                    Spend(now); // a failing recovery is a failed attempt: it must not loop forever
                }

                var position = await recovery.RecoverAsync(cancellationToken);
                Log.PositionRecovered(logger, position?.ToString() ?? state.Recovered().Report?.Error ?? "none");
                break;
            case RepairAction.Restart:
                Spend(now);
                Log.Restarting(logger, decision.Reason);
                state.SetRecovered(null, null); // the start changes InnoDB: recover again if it fails
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
