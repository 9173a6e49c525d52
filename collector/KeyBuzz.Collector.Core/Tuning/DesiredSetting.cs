namespace KeyBuzz.Collector.Core.Tuning;

/// <summary>One server setting a config fragment asks for; provider options are named "provider:gcache.size".</summary>
public sealed record DesiredSetting(string Name, string Value)
{
    public const string ProviderPrefix = "provider:";

    public bool IsProviderOption => Name.StartsWith(ProviderPrefix, StringComparison.Ordinal);
}
