using KeyBuzz.Collector.Alerts;

namespace KeyBuzz.Collector.Tests.Alerts;

public sealed class AlertOptionsValidatorTests
{
    private static readonly Dictionary<string, Func<AlertOptions>> Options = new()
    {
        ["defaults are valid"] = () => new AlertOptions(),
        ["unknown rule"] = () => new AlertOptions { Rules = { ["GaleraSplitBrain"] = new RuleOptions { Enabled = false } } },
        ["percent over 100"] = () => new AlertOptions { Rules = { ["GaleraFlowControlPaused"] = new RuleOptions { Threshold = 120 } } },
        ["negative for"] = () => new AlertOptions { Rules = { ["GaleraNonPrimary"] = new RuleOptions { ForSeconds = -3 } } },
        ["bad alertmanager url"] = () => new AlertOptions { Alertmanager = new AlertmanagerOptions { Urls = ["alertmanager:9093"] } },
        ["expected size 0"] = () => new AlertOptions { ExpectedClusterSize = { ["erp"] = 0 } },
        ["evaluation too fast"] = () => new AlertOptions { EvaluationIntervalMs = 10 },
    };

    public static TheoryData<string, string?> Cases => new()
    {
        { "defaults are valid", null },
        { "unknown rule", "Alerts:Rules:GaleraSplitBrain is not a rule; known rules:" },
        { "percent over 100", "Alerts:Rules:GaleraFlowControlPaused: thresholds must be between 0 and 100" },
        { "negative for", "Alerts:Rules:GaleraNonPrimary: ForSeconds" },
        { "bad alertmanager url", "must be an absolute http:// or https:// URL" },
        { "expected size 0", "Alerts:ExpectedClusterSize:erp 0 is out of range" },
        { "evaluation too fast", "Alerts:EvaluationIntervalMs 10 is out of range" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Settings_are_validated_with_the_key_named(string name, string? expected)
    {
        var result = new AlertOptionsValidator().Validate(null, Options[name]());

        if (expected is null)
        {
            Assert.True(result.Succeeded, $"{name}: {result.FailureMessage}");
        }
        else
        {
            Assert.True(result.Failed, name);
            Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Overrides_apply_on_top_of_rule_defaults()
    {
        var settings = RuleSettingsResolver.Resolve(new AlertOptions { Rules = { ["GaleraClusterShrunk"] = new RuleOptions { ForSeconds = 60 }, ["MariaDBRestarted"] = new RuleOptions { Enabled = false } } });

        Assert.Equal(TimeSpan.FromSeconds(60), settings["GaleraClusterShrunk"].For);
        Assert.Equal(TimeSpan.FromSeconds(20), settings["GaleraClusterShrunk"].CriticalFor);
        Assert.False(settings["MariaDBRestarted"].Enabled);
        Assert.True(settings["GaleraNonPrimary"].Enabled);
    }
}
