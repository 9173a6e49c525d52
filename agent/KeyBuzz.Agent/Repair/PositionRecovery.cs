using KeyBuzz.Agent.Core.Repair;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Repair;

/// <summary>Runs --wsrep-recover and records the result for reporting and for the guards.</summary>
internal sealed class PositionRecovery(WsrepRecoverRunner runner, RepairState state, TimeProvider time)
{
    public async Task<LocalPosition?> RecoverAsync(CancellationToken cancellationToken)
    {
        var output = await runner.RunAsync(cancellationToken);
        var report = new RecoveredPosition
        {
            Uuid = output.Uuid ?? string.Empty,
            Seqno = output.Seqno,
            RecoveredAtUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
            Error = output.Error ?? string.Empty,
            PreparedTransactions = output.PreparedTransactions,
        };
        var position = output.Ok && output.Seqno >= 0 && !output.PreparedTransactions ? new LocalPosition(output.Uuid!, output.Seqno) : null;
        state.SetRecovered(report, position);
        return position;
    }
}
