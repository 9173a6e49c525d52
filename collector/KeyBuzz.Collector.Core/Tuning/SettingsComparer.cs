namespace KeyBuzz.Collector.Core.Tuning;

/// <summary>Desired settings against what one live server reports (SHOW GLOBAL VARIABLES as sampled by its agent).</summary>
public static class SettingsComparer
{
    /// <summary>Settings whose value is never shown by the server (it prints asterisks).</summary>
    private static readonly HashSet<string> Secret = new(StringComparer.Ordinal) { "wsrep_sst_auth" };

    public static IReadOnlyList<SettingChange> Differences(IReadOnlyList<DesiredSetting> desired, IReadOnlyDictionary<string, string> variables)
    {
        var provider = variables.TryGetValue("wsrep_provider_options", out var options) ? ConfigFragment.ProviderOptions(options) : null;
        var changes = new List<SettingChange>();
        foreach (var setting in desired)
        {
            if (Secret.Contains(setting.Name))
            {
                continue;
            }

            string? effective;
            if (setting.IsProviderOption)
            {
                effective = provider is not null && provider.TryGetValue(setting.Name[DesiredSetting.ProviderPrefix.Length..], out var p) ? p : null;
            }
            else
            {
                effective = variables.TryGetValue(setting.Name, out var v) ? v : null;
            }

            if (effective is null || !SettingValue.Same(effective, setting.Value))
            {
                changes.Add(new SettingChange(setting.Name, effective, setting.Value));
            }
        }

        return changes;
    }
}
