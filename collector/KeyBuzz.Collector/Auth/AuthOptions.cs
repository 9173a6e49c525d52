namespace KeyBuzz.Collector.Auth;

/// <summary>Section "Auth": who may talk to the collector.</summary>
internal sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>"token" (default): agents and operators present a bearer token. "none": lab only, loopback only.</summary>
    public string Mode { get; set; } = "token";

    /// <summary>Hashes of the agent and operator tokens (managed with `kb-collector tokens …`).</summary>
    public string TokensFile { get; set; } = "/etc/keybuzz/tokens.json";

    /// <summary>Allow Mode "none" on a non-loopback address. Never in production.</summary>
    public bool AllowNoAuthOnNonLoopback { get; set; }
}
