using System.Globalization;
using KeyBuzz.Contracts.V1;
using KeyBuzz.Ctl.Cli;
using KeyBuzz.Ctl.Output;

namespace KeyBuzz.Ctl.Commands;

/// <summary>`kbctl events [--since 1h] [--cluster C] [--kind alert|view] [--limit N] [--json]`.</summary>
internal static class EventsCommand
{
    public static async Task<int> RunAsync(CollectorConnection collector, Arguments args, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var since = TimeArgument.Parse(args.Option("--since") ?? "1h", DateTimeOffset.UtcNow, "--since");
        var cluster = args.Option("--cluster") ?? string.Empty;
        var kind = args.Option("--kind") ?? string.Empty;
        if (kind is not ("" or "alert" or "view" or "drill" or "rollout"))
        {
            throw new UsageException($"--kind '{kind}' must be alert, view, drill or rollout");
        }

        var limitText = args.Option("--limit") ?? "1000";
        if (!uint.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit is 0 or > 10_000)
        {
            throw new UsageException($"--limit '{limitText}' must be a whole number from 1 to 10000");
        }

        args.EnsureConsumed(0);
        var client = new Operations.OperationsClient(collector.Channel);
        var reply = await client.GetEventsAsync(
            new EventsRequest { SinceUnixMs = since.ToUnixTimeMilliseconds(), Cluster = cluster, Kind = kind, Limit = limit },
            headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken);
        if (json)
        {
            await output.WriteAsync(Json.Of(reply));
            return ExitCodes.Ok;
        }

        if (reply.Events.Count == 0)
        {
            await output.WriteLineAsync("No event in that period.");
            return ExitCodes.Ok;
        }

        var table = new TextTable("TIME (UTC)", "CLUSTER", "NODE", "EVENT", "STATE", "SEVERITY", "SUMMARY");
        foreach (var e in reply.Events)
        {
            table.Add(AlertsCommand.Time(e.AtUnixMs), e.Cluster, e.Node.Length > 0 ? e.Node : "-", e.Name, e.State, e.Severity, e.Summary);
        }

        await output.WriteAsync(table.Render());
        if (reply.Truncated)
        {
            await output.WriteLineAsync("(truncated: narrow --since or raise --limit)");
        }

        return ExitCodes.Ok;
    }
}
