using System.Text;
using Google.Protobuf;
using Grpc.Core;
using KeyBuzz.Collector.Auth;
using KeyBuzz.Collector.Grpc;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Collector.WebConsole;

/// <summary>
/// The console's JSON: the very replies kbctl gets from the Operations service (same assessment,
/// same words), as protobuf JSON. Read-only calls only.
/// </summary>
internal static class ConsoleData
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static async Task<IResult> HandleAsync(string what, HttpContext http, CallerIdentity caller, TimeProvider time)
    {
        var query = http.Request.Query;
        var cluster = query["cluster"].FirstOrDefault() ?? string.Empty;
        var service = ActivatorUtilities.CreateInstance<OperationsService>(http.RequestServices);
        try
        {
            return what switch
            {
                "session" => Json($"{{\"name\":{Quote(caller.Name)},\"role\":{Quote(caller.Role)},\"admin\":{(IsAdmin(caller) ? "true" : "false")}}}"),
                "status" => Json(Formatter.Format(await service.GetStatus(new StatusRequest { Cluster = cluster }, null!))),
                "alerts" => Json(Formatter.Format(await service.GetAlerts(new AlertsRequest { Cluster = cluster }, null!))),
                "events" => Json(Formatter.Format(await service.GetEvents(Events(query, time), null!))),
                "history" => Json(Formatter.Format(await service.GetHistory(History(query, cluster, time), null!))),
                "recovery" => await RecoveryAsync(service, cluster, caller),
                _ => Error(StatusCodes.Status404NotFound, $"no console data named '{what}'"),
            };
        }
        catch (RpcException ex)
        {
            return Error(ex.StatusCode == StatusCode.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, ex.Status.Detail);
        }
        catch (FormatException ex)
        {
            return Error(StatusCodes.Status400BadRequest, ex.Message);
        }
    }

    /// <summary>The plan, past rounds, and for an admin the commands a human would run (the console itself never acts).</summary>
    private static async Task<IResult> RecoveryAsync(OperationsService service, string cluster, CallerIdentity caller)
    {
        var plan = await service.GetBootstrapPlan(new ClusterRequest { Cluster = cluster }, null!);
        var rounds = await service.GetRecoveryHistory(new RecoveryHistoryRequest { Cluster = plan.Cluster, Limit = 10 }, null!);
        var json = new StringBuilder();
        json.Append("{\"plan\":").Append(Formatter.Format(plan)).Append(",\"history\":").Append(Formatter.Format(rounds)).Append(",\"commands\":[");
        if (IsAdmin(caller))
        {
            var status = await service.GetStatus(new StatusRequest { Cluster = plan.Cluster }, null!);
            var forked = status.Clusters.Any(c => c.Fork.Length > 0);
            json.AppendJoin(',', AdminCommands(plan, forked).Select(Quote));
        }

        return Json(json.Append("]}").ToString());
    }

    /// <summary>What a human may run next, from the plan's own state (shown to admins only).</summary>
    private static IEnumerable<string> AdminCommands(BootstrapPlan plan, bool forked)
    {
        yield return $"kbctl bootstrap plan --cluster {plan.Cluster}";
        if (forked)
        {
            yield return $"kbctl recovery resolve-fork {plan.Cluster} --reason \"...\"   # only once the newer history is back on the serving nodes";
        }

        if (plan.ActiveRound is { Phase: "AwaitingApproval" } round)
        {
            yield return $"kbctl bootstrap approve {round.Id}";
        }

        if (plan.Kind is "Wait" or "Refuse")
        {
            yield return $"kbctl recovery history --cluster {plan.Cluster} --limit 1";
            foreach (var node in plan.WaitingFor)
            {
                yield return $"kbctl maintenance on {node} --reason \"host gone\"   # only if {node} will not come back";
            }
        }
    }

    private static EventsRequest Events(IQueryCollection query, TimeProvider time)
    {
        var since = query["since"].FirstOrDefault() ?? "1h";
        if (!Api.QueryTime.TryParseTime(since, time.GetUtcNow(), out var from))
        {
            throw new FormatException($"since '{since}' is not a time: use an age such as 15m, 2h, 7d");
        }

        return new EventsRequest { SinceUnixMs = from.ToUnixTimeMilliseconds(), Cluster = query["cluster"].FirstOrDefault() ?? string.Empty, Kind = query["kind"].FirstOrDefault() ?? string.Empty, Limit = 500 };
    }

    private static HistoryRequest History(IQueryCollection query, string cluster, TimeProvider time)
    {
        var since = query["since"].FirstOrDefault() ?? "15m";
        if (!Api.QueryTime.TryParseTime(since, time.GetUtcNow(), out var from))
        {
            throw new FormatException($"since '{since}' is not a time: use an age such as 15m, 2h, 7d");
        }

        var step = uint.TryParse(query["step"].FirstOrDefault(), out var s) ? s : 0;
        return new HistoryRequest { Node = query["node"].FirstOrDefault() ?? string.Empty, Cluster = cluster, Metric = query["metric"].FirstOrDefault() ?? string.Empty, SinceUnixMs = from.ToUnixTimeMilliseconds(), StepSeconds = step };
    }

    private static bool IsAdmin(CallerIdentity caller) => caller.Role is CallerIdentity.AdminRole || caller.IsAnonymous;

    private static string Quote(string text) => $"\"{System.Text.Json.JsonEncodedText.Encode(text)}\"";

    private static IResult Json(string json) => Results.Text(json, "application/json; charset=utf-8");

    private static IResult Error(int status, string message) => Results.Text($"{{\"error\":{Quote(message)}}}", "application/json; charset=utf-8", Encoding.UTF8, status);
}
