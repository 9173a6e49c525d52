using System.Globalization;
using KeyBuzz.Contracts.V1;
using KeyBuzz.Ctl.Cli;
using KeyBuzz.Ctl.Output;

namespace KeyBuzz.Ctl.Commands;

/// <summary>`kbctl alerts [--cluster C] [--json]`: alerts pending or firing now, most severe first.</summary>
internal static class AlertsCommand
{
    public static async Task<int> RunAsync(CollectorConnection collector, Arguments args, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var cluster = args.Option("--cluster") ?? string.Empty;
        args.EnsureConsumed(0);
        var client = new Operations.OperationsClient(collector.Channel);
        var reply = await client.GetAlertsAsync(new AlertsRequest { Cluster = cluster }, headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken);
        if (json)
        {
            await output.WriteAsync(Json.Of(reply));
            return ExitCodes.Ok;
        }

        if (reply.Alerts.Count == 0)
        {
            await output.WriteLineAsync("No alert pending or firing.");
            return ExitCodes.Ok;
        }

        var table = new TextTable("SEVERITY", "STATE", "ALERT", "CLUSTER", "NODE", "SINCE (UTC)", "SUMMARY");
        foreach (var a in reply.Alerts)
        {
            table.Add(a.Severity, a.State, a.Name, a.Cluster, a.Node.Length > 0 ? a.Node : "-", Time(a.ActiveSinceUnixMs), a.Summary);
        }

        await output.WriteAsync(table.Render());
        foreach (var a in reply.Alerts.Where(a => a.State == "firing"))
        {
            await output.WriteLineAsync($"\n{a.Name} ({a.Node}{(a.Node.Length > 0 ? ", " : string.Empty)}{a.Cluster}): {a.Description}");
        }

        return ExitCodes.Ok;
    }

    public static string Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
