namespace KeyBuzz.Agent.Core.Fencing;

/// <summary>
/// A command carries its sender's fencing token (the etcd revision of its leader key). Leaders are
/// elected in revision order, so a token below the highest this agent has seen comes from a
/// collector that was deposed since, however sure of itself it still is: refused.
/// </summary>
public static class FencingRule
{
    public static string? Refusal(long highestSeen, long token, string ledgerPath) => token >= highestSeen
        ? null
        : token == 0
            ? $"command without a fencing token from a single collector, but this agent has seen HA leader token {highestSeen}: a collector outside the HA group may not act; if the deployment really went back to one collector, remove {ledgerPath} on this node and restart kb-agent"
            : $"fencing token {token} is below {highestSeen}, the highest this agent has seen: the sender is no longer the leader (if etcd was rebuilt from scratch, its revisions restarted: remove {ledgerPath} on every node and restart kb-agent)";
}
