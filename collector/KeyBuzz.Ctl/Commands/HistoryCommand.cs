using System.Globalization;
using System.Text.Json;
using KeyBuzz.Contracts.V1;
using KeyBuzz.Ctl.Cli;
using KeyBuzz.Ctl.Output;

namespace KeyBuzz.Ctl.Commands;

/// <summary>`kbctl history NODE --metric NAME [--since 10m] [--until T] [--cluster C] [--limit N] [--json]`.</summary>
internal static class HistoryCommand
{
    public static async Task<int> RunAsync(CollectorConnection collector, Arguments args, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var node = args.Positional.Count > 0 ? args.Positional[0] : throw new UsageException("history needs a node name: kbctl history NODE --metric NAME [--since 10m]");
        var metric = args.Option("--metric") ?? throw new UsageException("history needs --metric NAME (e.g. wsrep_last_committed, wsrep_local_recv_queue, kb_flow_control_paused_pct)");
        var now = DateTimeOffset.UtcNow;
        var since = TimeArgument.Parse(args.Option("--since") ?? "10m", now, "--since");
        var until = args.Option("--until") is { } u ? TimeArgument.Parse(u, now, "--until") : now;
        var cluster = args.Option("--cluster") ?? string.Empty;
        var limitText = args.Option("--limit");
        uint limit = 0;
        if (limitText is not null && (!uint.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit == 0))
        {
            throw new UsageException($"--limit '{limitText}' must be a positive whole number");
        }

        var stepText = args.Option("--step");
        uint stepSeconds = 0;
        if (stepText is not null)
        {
            stepSeconds = TimeArgument.Duration(stepText, "--step") is { TotalSeconds: >= 1 and <= 31_536_000 } step
                ? (uint)step.TotalSeconds
                : throw new UsageException($"--step '{stepText}' must be between 1s and 365d");
        }

        args.EnsureConsumed(1);
        if (since > until)
        {
            throw new UsageException("--since is after --until");
        }

        var client = new Operations.OperationsClient(collector.Channel);
        var reply = await client.GetHistoryAsync(
            new HistoryRequest { Node = node, Cluster = cluster, Metric = metric, SinceUnixMs = since.ToUnixTimeMilliseconds(), UntilUnixMs = until.ToUnixTimeMilliseconds(), Limit = limit, StepSeconds = stepSeconds },
            headers: collector.Headers,
            deadline: DateTime.UtcNow.AddSeconds(30),
            cancellationToken: cancellationToken);
        if (stepSeconds > 0)
        {
            return await SteppedAsync(reply, metric, json, output);
        }

        if (json)
        {
            var doc = new HistoryJson(node, metric, reply.Truncated, reply.Points.Select(p => new HistoryPointJson(
                DateTimeOffset.FromUnixTimeMilliseconds(p.AtUnixMs), p.Seq, p.InstanceId, p.HasValue ? p.Value : null, p.Text.Length > 0 ? p.Text : null)).ToList());
            await output.WriteLineAsync(JsonSerializer.Serialize(doc, KbctlJsonContext.Default.HistoryJson));
            return ExitCodes.Ok;
        }

        var table = new TextTable("TIME (UTC)", metric.ToUpperInvariant());
        foreach (var p in reply.Points)
        {
            var value = p.HasValue ? p.Value.ToString("G", CultureInfo.InvariantCulture) : p.Text.Length > 0 ? p.Text : "-";
            table.Add(DateTimeOffset.FromUnixTimeMilliseconds(p.AtUnixMs).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture), value);
        }

        await output.WriteAsync(table.Render());
        if (reply.Truncated)
        {
            await output.WriteLineAsync("(truncated: narrow --since/--until or raise --limit)");
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> SteppedAsync(HistoryReply reply, string metric, bool json, TextWriter output)
    {
        if (json)
        {
            await output.WriteAsync(Json.Of(reply));
            return ExitCodes.Ok;
        }

        var table = new TextTable("STEP START (UTC)", "AVG", "MIN", "MAX", "LAST", "READINGS");
        foreach (var b in reply.Buckets)
        {
            table.Add(DateTimeOffset.FromUnixTimeMilliseconds(b.StartUnixMs).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), N(b.Avg), N(b.Min), N(b.Max), N(b.Last), b.Count.ToString(CultureInfo.InvariantCulture));
        }

        await output.WriteLineAsync($"{metric}, step {reply.StepSeconds}s, from {(reply.Source == "raw" ? "raw readings" : "1-minute aggregates")}");
        await output.WriteAsync(table.Render());
        return ExitCodes.Ok;
    }

    private static string N(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
