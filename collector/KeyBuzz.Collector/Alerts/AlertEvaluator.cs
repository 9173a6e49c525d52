using System.Collections.Immutable;
using KeyBuzz.Collector.Core.Alerts;
using KeyBuzz.Collector.Diagnostics;
using KeyBuzz.Collector.Events;
using KeyBuzz.Collector.History;
using KeyBuzz.Collector.Ingest;
using KeyBuzz.Collector.Options;
using KeyBuzz.Collector.Recovery;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.Alerts;

/// <summary>Evaluates every rule over every cluster each interval, records phase changes as events and publishes the alerts.</summary>
internal sealed class AlertEvaluator(
    ClusterViewStore views,
    ProxySql.ProxyViewStore proxies,
    ProxySql.DesiredProxyConfigStore proxyConfigs,
    HistoryStore history,
    MaintenanceStore maintenance,
    Recovery.ComponentStore components,
    EventStore events,
    AlertBoard board,
    IOptions<AlertOptions> alertOptions,
    IOptions<CollectorOptions> collectorOptions,
    Coordination.ICoordinatorRole role,
    TimeProvider time,
    ILogger<AlertEvaluator> logger) : BackgroundService
{
    private static readonly TimeSpan KnownNodesRefresh = TimeSpan.FromSeconds(10);

    /// <summary>After a collector start, agents reconnect with backoff: give them this long before calling them silent.</summary>
    private static readonly TimeSpan ReconnectGrace = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, RuleSettings> _settings = RuleSettingsResolver.Resolve(alertOptions.Value);
    private readonly ViewChangeDetector _viewChanges = new();
    private CounterWindow _window = CounterWindow.Empty;
    private ImmutableDictionary<string, ActiveAlert> _active = ImmutableDictionary<string, ActiveAlert>.Empty;
    private ILookup<string, string> _knownNodes = Array.Empty<string>().ToLookup(n => n, StringComparer.Ordinal);
    private DateTimeOffset? _startedAt;
    private DateTimeOffset _knownNodesAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(alertOptions.Value.EvaluationIntervalMs), time);
        do
        {
            try
            {
                EvaluateOnce();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.AlertEvaluationFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal void EvaluateOnce()
    {
        var now = time.GetUtcNow();
        _startedAt ??= now;
        RefreshKnownNodes(now);
        var conditions = new List<AlertCondition>();
        var stored = new List<StoredEvent>();
        var live = views.Snapshot();
        var silentClusters = _knownNodes.Select(g => g.Key).Concat(proxies.Clusters).Distinct(StringComparer.Ordinal).Where(c => !live.ContainsKey(c)).Select(Core.View.ClusterView.Empty);
        foreach (var view in live.Values.Concat(silentClusters))
        {
            foreach (var node in view.Nodes.Values)
            {
                _window = _window.Add(view.Name, node.Node, node.Latest);
            }

            var inMaintenance = view.Nodes.Keys.Where(n => maintenance.IsOn(view.Name, n)).ToHashSet(StringComparer.Ordinal);
            var expected = alertOptions.Value.ExpectedClusterSize.TryGetValue(view.Name, out var configured)
                ? configured
                : Math.Max(_knownNodes[view.Name].Count(), view.Nodes.Count) - inMaintenance.Count;
            var neverSeen = now - _startedAt >= ReconnectGrace
                ? _knownNodes[view.Name].Where(n => !view.Nodes.ContainsKey(n) && !maintenance.IsOn(view.Name, n)).ToList()
                : [];
            var context = new AlertContext(view, now, expected, collectorOptions.Value.NotReportingAfterMissedIntervals, _window, inMaintenance, neverSeen,
                proxies.Proxies(view.Name), proxies.History(view.Name), proxies.Proxies(view.Name).Count > 0 ? proxyConfigs.Get(view.Name) : null,
                components.For(view.Name).ActiveFork);
            conditions.AddRange(AlertEvaluation.Evaluate(context, _settings));
            if (_viewChanges.Observe(view, now) is { } change)
            {
                Log.ViewChanged(logger, change.Cluster, change.Summary);
                stored.Add(change);
            }
        }

        var coordination = role.Describe();
        if (CoordinatorDown.Evaluate(coordination.Mode, coordination.Replica, coordination.Leader, coordination.Problem) is { } coordinatorDown)
        {
            conditions.Add(coordinatorDown);
        }

        var step = AlertTracker.Step(_active, conditions, now);
        _active = step.Active;
        foreach (var t in step.Transitions)
        {
            var c = t.Condition;
            var state = t.Phase.ToString().ToLowerInvariant();
            Log.AlertTransition(logger, state, c.Name, c.SeverityLabel, c.Cluster, c.Node, c.Summary);
            stored.Add(new StoredEvent(t.At, "alert", c.Cluster, c.Node, c.Name, state, c.SeverityLabel, c.Summary, c.Description));
        }

        events.Append(stored);
        board.Publish(step, now);
    }

    private void RefreshKnownNodes(DateTimeOffset now)
    {
        if (now - _knownNodesAt < KnownNodesRefresh)
        {
            return;
        }

        _knownNodes = history.KnownNodes().ToLookup(k => k.Cluster, k => k.Node, StringComparer.Ordinal);
        _knownNodesAt = now;
    }
}
