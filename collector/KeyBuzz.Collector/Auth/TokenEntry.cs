namespace KeyBuzz.Collector.Auth;

/// <summary>One token: an agent (Cluster/Node set) or an operator (Name and Role set). Only its SHA-256 is kept.</summary>
internal sealed record TokenEntry(string Kind, string Name, string? Cluster, string? Node, string? Role, string Sha256, DateTimeOffset CreatedAt);
