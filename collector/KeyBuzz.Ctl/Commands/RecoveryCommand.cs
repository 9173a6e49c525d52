using System.Globalization;
using KeyBuzz.Contracts.V1;
using KeyBuzz.Ctl.Cli;
using KeyBuzz.Ctl.Output;

namespace KeyBuzz.Ctl.Commands;

/// <summary>`kbctl recovery history [--cluster C] [--limit N]`.</summary>
internal static class RecoveryCommand
{
    public static async Task<int> RunAsync(CollectorConnection collector, Arguments args, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var action = args.Positional.Count > 0 ? args.Shift() : throw new UsageException("recovery needs an action: history");
        if (action != "history")
        {
            throw new UsageException($"unknown recovery action '{action}' (history)");
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
}
