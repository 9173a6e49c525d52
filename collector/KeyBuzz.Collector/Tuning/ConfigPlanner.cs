using Grpc.Core;
using KeyBuzz.Collector.Core.Tuning;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Collector.Tuning;

/// <summary>The dry run of a rolling apply, and drift: desired settings against each live node's variables.</summary>
internal sealed class ConfigPlanner(ClusterHealth health, DesiredConfigStore desired)
{
    public GaleraConfigPlan Plan(string cluster, string fragment)
    {
        var plan = new GaleraConfigPlan { Cluster = cluster };
        if (fragment.Length == 0)
        {
            var stored = desired.Get(cluster) ?? throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"no fragment was ever applied to {cluster} with kbctl galera apply: there is nothing to measure drift against (pass --fragment FILE for a dry run)"));
            fragment = stored.Fragment;
            plan.AppliedAtUnixMs = stored.At.ToUnixTimeMilliseconds();
        }

        var (settings, errors) = ConfigFragment.Parse(fragment);
        if (errors.Count > 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"the fragment is not valid: {string.Join("; ", errors)}"));
        }

        var view = health.View(cluster) ?? throw new RpcException(new Status(StatusCode.NotFound, $"no agent of cluster '{cluster}' has reported since the collector started"));
        plan.Settings = settings.Count;
        foreach (var node in view.Nodes.Values)
        {
            var line = new NodeConfigPlan { Node = node.Node };
            line.Changes.AddRange(SettingsComparer.Differences(settings, node.Latest.Variables)
                .Select(c => new Contracts.V1.SettingChange { Setting = c.Setting, Effective = c.Effective ?? string.Empty, Desired = c.Desired }));
            plan.Nodes.Add(line);
        }

        plan.Refusal = health.Refusal(cluster) ?? string.Empty;
        return plan;
    }
}
