using System.Globalization;
using KeyBuzz.Contracts.V1;
using KeyBuzz.Ctl.Cli;
using KeyBuzz.Ctl.Output;

namespace KeyBuzz.Ctl.Commands;

/// <summary>`kbctl bootstrap plan|approve ROUND|force NODE`.</summary>
internal static class BootstrapCommand
{
    public static async Task<int> RunAsync(CollectorConnection collector, Arguments args, bool json, TextWriter output, TextReader input, CancellationToken cancellationToken)
    {
        var action = args.Positional.Count > 0 ? args.Shift() : throw new UsageException("bootstrap needs an action: plan, approve ROUND, or force NODE");
        var client = new Operations.OperationsClient(collector.Channel);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        switch (action)
        {
            case "plan":
                var cluster = args.Option("--cluster") ?? string.Empty;
                args.EnsureConsumed(0);
                var plan = await client.GetBootstrapPlanAsync(new ClusterRequest { Cluster = cluster }, headers: collector.Headers, deadline: deadline, cancellationToken: cancellationToken);
                await output.WriteAsync(json ? Json.Of(plan) : RecoveryText.Plan(plan));
                return ExitCodes.Ok;
            case "approve":
                var roundText = args.Positional.Count > 0 ? args.Shift() : throw new UsageException("approve needs a round number (kbctl bootstrap plan shows it)");
                if (!ulong.TryParse(roundText, NumberStyles.None, CultureInfo.InvariantCulture, out var round) || round == 0)
                {
                    throw new UsageException($"'{roundText}' is not a round number");
                }

                args.EnsureConsumed(0);
                var approved = await client.ApproveBootstrapAsync(new ApproveRequest { Round = round }, headers: collector.Headers, deadline: deadline, cancellationToken: cancellationToken);
                await output.WriteAsync(json ? Json.Of(approved) : RecoveryText.Round(approved));
                return ExitCodes.Ok;
            case "force":
                var node = args.Positional.Count > 0 ? args.Shift() : throw new UsageException("force needs a node name");
                var forceCluster = args.Option("--cluster") ?? string.Empty;
                var confirm = args.Option("--confirm");
                args.EnsureConsumed(0);
                if (confirm is null)
                {
                    await output.WriteLineAsync($"Forcing a bootstrap of {node} discards every transaction that another node committed beyond {node}'s position.");
                    await output.WriteAsync($"Type the node name ({node}) to confirm: ");
                    confirm = (await input.ReadLineAsync(cancellationToken))?.Trim();
                }

                if (confirm != node)
                {
                    await output.WriteLineAsync("Not confirmed: nothing was done.");
                    return ExitCodes.Failed;
                }

                var forced = await client.ForceBootstrapAsync(new ForceRequest { Cluster = forceCluster, Node = node, Confirm = confirm }, headers: collector.Headers, deadline: deadline, cancellationToken: cancellationToken);
                await output.WriteAsync(json ? Json.Of(forced) : RecoveryText.Round(forced));
                return ExitCodes.Ok;
            default:
                throw new UsageException($"unknown bootstrap action '{action}' (plan, approve, force)");
        }
    }
}
