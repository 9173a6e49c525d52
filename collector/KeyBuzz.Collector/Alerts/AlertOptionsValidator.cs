using KeyBuzz.Collector.Core.Alerts;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.Alerts;

/// <summary>Refuses unknown rules, impossible thresholds and unusable Alertmanager URLs at startup.</summary>
internal sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var errors = new List<string>();
        if (options.EvaluationIntervalMs is < 200 or > 60_000)
        {
            errors.Add($"Alerts:EvaluationIntervalMs {options.EvaluationIntervalMs} is out of range: use 200..60000 (default 1000)");
        }

        foreach (var key in options.Rules.Keys.Where(k => RuleCatalog.Find(k) is null))
        {
            errors.Add($"Alerts:Rules:{key} is not a rule; known rules: {string.Join(", ", RuleCatalog.All.Select(r => r.Name))}");
        }

        var resolved = RuleSettingsResolver.Resolve(options);
        foreach (var rule in RuleCatalog.All)
        {
            if (rule.Validate(resolved[rule.Name]) is { } problem)
            {
                errors.Add($"Alerts:Rules:{rule.Name}: {problem}");
            }
        }

        foreach (var (cluster, size) in options.ExpectedClusterSize.Where(p => p.Value is < 1 or > 64))
        {
            errors.Add($"Alerts:ExpectedClusterSize:{cluster} {size} is out of range 1..64");
        }

        if (options.EventRetentionDays < 1)
        {
            errors.Add($"Alerts:EventRetentionDays {options.EventRetentionDays} must be at least 1");
        }

        var am = options.Alertmanager;
        foreach (var url in am.Urls.Where(u => !Uri.TryCreate(u, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")))
        {
            errors.Add($"Alerts:Alertmanager:Urls '{url}' must be an absolute http:// or https:// URL such as http://127.0.0.1:9093");
        }

        if (am.ResendSeconds is < 1 or > 3600 || am.TimeoutSeconds is < 1 or > 120 || am.Attempts is < 1 or > 10)
        {
            errors.Add("Alerts:Alertmanager: ResendSeconds must be 1..3600, TimeoutSeconds 1..120, Attempts 1..10");
        }

        if (am.BearerTokenFile.Length > 0 && !File.Exists(am.BearerTokenFile))
        {
            errors.Add($"Alerts:Alertmanager:BearerTokenFile '{am.BearerTokenFile}' does not exist");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
