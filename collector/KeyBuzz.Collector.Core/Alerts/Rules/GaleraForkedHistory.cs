namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>
/// A Primary Component started below what the latest Primary Component had committed (history
/// knows both): two histories of one cluster, acknowledged writes missing from the one that
/// serves. Fires at once and stays until a human resolves it; automatic actions are stopped meanwhile.
/// </summary>
public sealed class GaleraForkedHistory : AlertRule
{
    public override string Name => nameof(GaleraForkedHistory);

    public override RuleSettings Defaults => new(true, TimeSpan.Zero);

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Fork is not { } fork)
        {
            yield break;
        }

        var newer = fork.NewerDataNodes.Count > 0 ? $"{string.Join(", ", fork.NewerDataNodes)} hold the newer data (up to seqno {fork.HighWater})" : $"no node is known to hold the newer data (up to seqno {fork.HighWater})";
        yield return Alert(context, string.Empty, AlertSeverity.Critical, settings.For,
            $"cluster {context.Cluster}: forked history on {string.Join(", ", fork.ForkNodes)}",
            $"{fork.Reason}. {newer}. Acknowledged writes are missing from the component that serves. Automatic actions are stopped: stop writes to {string.Join(", ", fork.ForkNodes)} (ProxySQL: set it OFFLINE_HARD), decide which history to keep, make the other nodes rejoin it by SST, then run kbctl recovery resolve-fork {context.Cluster} --reason \"...\".");
    }
}
