using System.Globalization;
using KeyBuzz.Contracts.V1;
using KeyBuzz.Ctl.Cli;
using KeyBuzz.Ctl.Output;

namespace KeyBuzz.Ctl.Commands;

/// <summary>`kbctl recovery history [--cluster C] [--limit N]` and `kbctl recovery resolve-fork CLUSTER --reason TEXT [--confirm CLUSTER]`.</summary>
internal static class RecoveryCommand
{
    public static async Task<int> RunAsync(CollectorConnection collector, Arguments args, bool json, TextWriter output, TextReader input, CancellationToken cancellationToken)
    {
        var action = args.Positional.Count > 0 ? args.Shift() : throw new UsageException("recovery needs an action: history, resolve-fork");
        if (action == "resolve-fork")
        {
            return await ResolveForkAsync(collector, args, json, output, input, cancellationToken);
        }

        if (action != "history")
        {
            throw new UsageException($"unknown recovery action '{action}' (history, resolve-fork)");
        }

        var cluster = args.Option("--cluster") ?? string.Empty;
        var limitText = args.Option("--limit") ?? "10";
        if (!uint.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit == 0)
        {
            throw new UsageException($"--limit '{limitText}' must be a positive whole number");
        }

        args.EnsureConsumed(0);
        var client = new Operations.OperationsClient(collector.Channel);
        var history = await client.GetRecoveryHistoryAsync(new RecoveryHistoryRequest { Cluster = cluster, Limit = limit }, headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken);
        if (json)
        {
            await output.WriteAsync(Json.Of(history));
            return ExitCodes.Ok;
        }

        if (history.Rounds.Count == 0)
        {
            await output.WriteLineAsync("No recovery round yet.");
        }

        foreach (var round in history.Rounds)
        {
            await output.WriteAsync(RecoveryText.Round(round));
            await output.WriteLineAsync();
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> ResolveForkAsync(CollectorConnection collector, Arguments args, bool json, TextWriter output, TextReader input, CancellationToken cancellationToken)
    {
        var cluster = args.Positional.Count > 0 ? args.Shift() : throw new UsageException("resolve-fork needs the cluster name");
        var reason = args.Option("--reason") ?? throw new UsageException("resolve-fork needs --reason TEXT: what was done about the fork (it is recorded)");
        var confirm = args.Option("--confirm");
        args.EnsureConsumed(0);
        if (confirm is null)
        {
            await output.WriteLineAsync($"Resolving the fork of {cluster} resumes automatic actions. If the forked component still serves, it becomes the cluster's history and the newer commits only the other nodes hold are given up.");
            await output.WriteAsync($"Type the cluster name ({cluster}) to confirm: ");
            confirm = (await input.ReadLineAsync(cancellationToken))?.Trim();
        }

        if (confirm != cluster)
        {
            await output.WriteLineAsync("Not confirmed: nothing was done.");
            return ExitCodes.Failed;
        }

        var client = new Operations.OperationsClient(collector.Channel);
        var reply = await client.ResolveForkAsync(new ResolveForkRequest { Cluster = cluster, Confirm = confirm, Reason = reason }, headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken);
        await output.WriteLineAsync(json ? Json.Of(reply) : $"Fork of {reply.Cluster} resolved: {reply.Outcome}");
        return ExitCodes.Ok;
    }
}
