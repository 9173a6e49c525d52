using KeyBuzz.Collector.Alerts;
using KeyBuzz.Collector.Api.Json;
using KeyBuzz.Collector.History;

namespace KeyBuzz.Collector.Api;

/// <summary>/readyz: the database answers and the alert evaluator has run, so the API tells the truth.</summary>
internal sealed class ReadinessProbe(HistoryStore history, AlertBoard alerts)
{
    public IResult Check()
    {
        var problems = new List<string>();
        try
        {
            _ = history.KnownNodes();
        }
        catch (Exception e) when (e is LiteDB.LiteException or IOException or ObjectDisposedException)
        {
            problems.Add($"history database: {e.Message}");
        }

        if (!alerts.Evaluated)
        {
            problems.Add("alert rules not evaluated yet");
        }

        return problems.Count == 0
            ? Results.Json(new HealthJson("ready", []), ApiJsonContext.Default.HealthJson)
            : Results.Json(new HealthJson("not ready", problems), ApiJsonContext.Default.HealthJson, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
