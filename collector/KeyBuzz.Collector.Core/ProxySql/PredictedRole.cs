namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>Where ProxySQL's Galera monitor will put a node, from the node's own wsrep readings.</summary>
public sealed record PredictedRole(string Role, string Reason);
