using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>
/// A Primary node that is not Synced and not deliberately desynced. A state transfer (Donor,
/// Joiner, Joined) is normal for a while and only warns when it lasts (CriticalFor, default 30m).
/// </summary>
public sealed class GaleraNotSynced : AlertRule
{
    private static readonly string[] TransferStates = ["Donor/Desynced", "Joiner", "Joined"];

    public override string Name => nameof(GaleraNotSynced);

    /// <summary>Warning after For, critical after CriticalFor; a state transfer warns after Threshold minutes.</summary>
    public override RuleSettings Defaults => new(true, TimeSpan.FromMinutes(2), Threshold: 30, CriticalFor: TimeSpan.FromMinutes(5));

    public override string ThresholdHelp => "Threshold: minutes a state transfer may last before a warning";

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var node in context.LiveNodes)
        {
            var r = node.Latest;
            var state = r.Text(WsrepStatus.LocalStateComment);
            if (state is null || state == WsrepStatus.Synced || r.Text(WsrepStatus.ClusterStatus) != WsrepStatus.Primary)
            {
                continue; // non-Primary has its own alert
            }

            var desync = r.Variables.TryGetValue("wsrep_desync", out var d) && string.Equals(d, "ON", StringComparison.OrdinalIgnoreCase);
            if (TransferStates.Contains(state) || r.SstInProgress)
            {
                yield return Alert(context, node.Node, AlertSeverity.Warning, TimeSpan.FromMinutes(settings.Threshold),
                    $"{node.Node}: state transfer ({state}) is taking long",
                    $"{node.Node} has been {state} for a long time. Check the SST/IST progress in the MariaDB error log of the joiner and the donor, disk space, and the network between them.");
                continue;
            }

            if (desync)
            {
                continue; // desynced on purpose (backup, maintenance)
            }

            var description = $"{node.Node} is {state} although it is in the Primary component and not desynced on purpose. Check its receive queue and flow control in `kbctl status`, and its error log.";
            yield return Alert(context, node.Node, AlertSeverity.Warning, settings.For, $"{node.Node}: {state}, not Synced", description);
            yield return Alert(context, node.Node, AlertSeverity.Critical, settings.CriticalFor, $"{node.Node}: {state}, not Synced", description);
        }
    }
}
