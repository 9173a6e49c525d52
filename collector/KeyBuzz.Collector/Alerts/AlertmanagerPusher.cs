using System.Net.Http.Headers;
using System.Net.Http.Json;
using KeyBuzz.Collector.Core.Alerts;
using KeyBuzz.Collector.Diagnostics;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.Alerts;

/// <summary>
/// Pushes firing and recently resolved alerts to every configured Alertmanager, as Prometheus does:
/// at once when something fires or resolves, and again every ResendSeconds while it lasts, with
/// endsAt a few resends ahead so Alertmanager keeps a firing alert alive only while we keep saying so.
/// In HA mode the leader pushes; so does a replica that cannot reach etcd (then nobody may lead, and
/// Alertmanager deduplicates what several replicas send, as for a Prometheus pair).
/// </summary>
internal sealed class AlertmanagerPusher(AlertBoard board, IOptions<AlertOptions> options, Coordination.ICoordinatorRole role, TimeProvider time, ILogger<AlertmanagerPusher> logger) : BackgroundService
{
    private readonly AlertmanagerOptions _options = options.Value.Alertmanager;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Urls.Count == 0)
        {
            return;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(_options.TimeoutSeconds) };
        if (_options.BearerTokenFile.Length > 0)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(_options.BearerTokenFile, stoppingToken)).Trim());
        }

        var resend = TimeSpan.FromSeconds(_options.ResendSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var alerts = Build(time.GetUtcNow());
            if (alerts.Count > 0 && (role.IsLeader || role.Describe().Problem.Length > 0))
            {
                await Task.WhenAll(_options.Urls.Select(url => PushAsync(http, url, alerts, stoppingToken)));
            }

            await board.WaitForChangeAsync(resend, stoppingToken);
        }
    }

    internal List<PostableAlert> Build(DateTimeOffset now)
    {
        var endsAt = now + (4 * TimeSpan.FromSeconds(_options.ResendSeconds));
        var alerts = board.Active.Values
            .Where(a => a.Phase == AlertPhase.Firing)
            .Select(a => ToPostable(a.Condition, a.StartsAt, endsAt))
            .ToList();
        alerts.AddRange(board.Resolved.Select(r => ToPostable(r.Condition, r.StartsAt, r.ResolvedAt)));
        return alerts;
    }

    private PostableAlert ToPostable(AlertCondition c, DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        new(AlertLabels.For(c), new Dictionary<string, string>(StringComparer.Ordinal) { ["summary"] = c.Summary, ["description"] = c.Description }, startsAt, endsAt, _options.GeneratorUrl);

    private async Task PushAsync(HttpClient http, string baseUrl, List<PostableAlert> alerts, CancellationToken cancellationToken)
    {
        var url = baseUrl.TrimEnd('/') + "/api/v2/alerts";
        for (var attempt = 1; attempt <= _options.Attempts; attempt++)
        {
            try
            {
                using var response = await http.PostAsJsonAsync(url, alerts, AlertmanagerJson.Default.ListPostableAlert, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                Log.AlertmanagerPushFailed(logger, url, alerts.Count, attempt, $"HTTP {(int)response.StatusCode}: {body.Trim()}");
                if ((int)response.StatusCode is >= 400 and < 500)
                {
                    return; // Alertmanager refused the payload: retrying the same one will not help
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                Log.AlertmanagerPushFailed(logger, url, alerts.Count, attempt, e.Message);
            }

            await Task.Delay(TimeSpan.FromSeconds(attempt), time, cancellationToken);
        }
    }
}
