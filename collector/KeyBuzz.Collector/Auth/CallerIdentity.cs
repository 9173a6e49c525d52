namespace KeyBuzz.Collector.Auth;

/// <summary>Who made a call: an agent for one node, or an operator with a role.</summary>
internal sealed record CallerIdentity(string Name, string? Cluster, string? Node, string Role)
{
    public const string AgentRole = "agent";
    public const string AdminRole = "admin";
    public const string ReadOnlyRole = "readonly";

    /// <summary>Auth mode "none" (lab, loopback only): everyone is everything.</summary>
    public static readonly CallerIdentity Anonymous = new("anonymous", null, null, "any");

    public bool IsAnonymous => Role == "any";
}
