using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.Auth;

/// <summary>Maps a bearer token to its caller. Re-reads the tokens file when it changes, so a revocation takes effect at once.</summary>
internal sealed class TokenValidator(IOptions<AuthOptions> options)
{
    private readonly Lock _lock = new();
    private readonly TokenFile _file = new(options.Value.TokensFile);
    private IReadOnlyList<TokenEntry> _entries = [];
    private DateTime _loadedWrite = DateTime.MinValue;

    public bool Enabled => options.Value.Mode == "token";

    public CallerIdentity? Identify(string? authorization)
    {
        if (!Enabled)
        {
            return CallerIdentity.Anonymous;
        }

        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return null;
        }

        var hash = Encoding.ASCII.GetBytes(TokenFile.Hash(authorization[7..].Trim()));
        foreach (var entry in Entries())
        {
            if (CryptographicOperations.FixedTimeEquals(hash, Encoding.ASCII.GetBytes(entry.Sha256)))
            {
                return entry.Kind == "agent"
                    ? new CallerIdentity(entry.Name, entry.Cluster, entry.Node, CallerIdentity.AgentRole)
                    : new CallerIdentity(entry.Name, null, null, entry.Role ?? CallerIdentity.ReadOnlyRole);
            }
        }

        return null;
    }

    private IReadOnlyList<TokenEntry> Entries()
    {
        lock (_lock)
        {
            var write = File.Exists(_file.Path) ? File.GetLastWriteTimeUtc(_file.Path) : DateTime.MinValue;
            if (write != _loadedWrite)
            {
                _entries = _file.Load();
                _loadedWrite = write;
            }

            return _entries;
        }
    }
}
