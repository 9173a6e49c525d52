using KeyBuzz.Contracts.V1;
using KeyBuzz.Ctl.Cli;

namespace KeyBuzz.Ctl.Commands;

/// <summary>`kbctl maintenance on|off NODE [--cluster C] [--reason TEXT]`.</summary>
internal static class MaintenanceCommand
{
    public static async Task<int> RunAsync(CollectorConnection collector, Arguments args, TextWriter output, CancellationToken cancellationToken)
    {
        var state = args.Positional.Count > 0 ? args.Shift() : throw new UsageException("maintenance needs on or off, then a node: kbctl maintenance on node2");
        if (state is not ("on" or "off"))
        {
            throw new UsageException($"maintenance '{state}': use on or off");
        }

        var node = args.Positional.Count > 0 ? args.Shift() : throw new UsageException("maintenance needs a node name");
        var cluster = args.Option("--cluster") ?? string.Empty;
        var reason = args.Option("--reason") ?? string.Empty;
        args.EnsureConsumed(0);
        var client = new Operations.OperationsClient(collector.Channel);
        var reply = await client.SetMaintenanceAsync(new MaintenanceRequest { Cluster = cluster, Node = node, On = state == "on", Reason = reason }, headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
        await output.WriteLineAsync(reply.On
            ? $"{reply.Cluster}/{reply.Node} is in maintenance: no restart, no bootstrap, no start is done to it."
            : $"{reply.Cluster}/{reply.Node} is out of maintenance (a held self-repair is released).");
        return ExitCodes.Ok;
    }
}
