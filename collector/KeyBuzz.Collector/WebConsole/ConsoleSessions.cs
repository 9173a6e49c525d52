using System.Collections.Concurrent;
using System.Security.Cryptography;
using KeyBuzz.Collector.Auth;

namespace KeyBuzz.Collector.WebConsole;

/// <summary>
/// Console logins: an opaque random session id in the cookie, the operator token only in this
/// process's memory. Every request identifies the token again, so a revoked token ends its sessions
/// at once; a collector restart ends them all (log in again).
/// </summary>
internal sealed class ConsoleSessions(TokenValidator tokens, TimeProvider time)
{
    public const string CookieName = "kb_console";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    private const int MaxSessions = 1000;

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <summary>A new session for an operator token, or null with the reason it is refused.</summary>
    public (string? Id, CallerIdentity? Caller, string? Refusal) Open(string token)
    {
        var caller = tokens.Identify($"Bearer {token}");
        if (caller is null)
        {
            return (null, null, "unknown token");
        }

        if (caller.Role == CallerIdentity.AgentRole)
        {
            return (null, null, "an agent token cannot log in to the console");
        }

        Prune();
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _sessions[id] = new Session(token, time.GetUtcNow() + Lifetime);
        return (id, caller, null);
    }

    /// <summary>Who a session cookie belongs to now, or null (unknown, expired, or its token revoked).</summary>
    public CallerIdentity? Identify(string? id)
    {
        if (!tokens.Enabled)
        {
            return CallerIdentity.Anonymous;
        }

        if (id is null || !_sessions.TryGetValue(id, out var session))
        {
            return null;
        }

        if (session.Expires <= time.GetUtcNow())
        {
            _sessions.TryRemove(id, out _);
            return null;
        }

        var caller = tokens.Identify($"Bearer {session.Token}");
        if (caller is null || caller.Role == CallerIdentity.AgentRole)
        {
            _sessions.TryRemove(id, out _);
            return null;
        }

        return caller;
    }

    public void Close(string? id)
    {
        if (id is not null)
        {
            _sessions.TryRemove(id, out _);
        }
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (id, session) in _sessions)
        {
            if (session.Expires <= now)
            {
                _sessions.TryRemove(id, out _);
            }
        }

        // A flood of logins must not grow memory without bound: the oldest go first.
        foreach (var (id, _) in _sessions.OrderBy(s => s.Value.Expires).Take(Math.Max(0, _sessions.Count - MaxSessions + 1)))
        {
            _sessions.TryRemove(id, out _);
        }
    }

    private sealed record Session(string Token, DateTimeOffset Expires);
}
