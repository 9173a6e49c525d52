namespace KeyBuzz.Agent.Core.Repair;

/// <summary>
/// Restart attempts allowed per window, with exponential backoff between attempts. Spending the
/// budget holds the node: a crash loop is reported to a human, not retried forever.
/// Immutable: every change returns a new budget (persisted by the agent).
/// </summary>
public sealed record RestartBudget(IReadOnlyList<DateTimeOffset> Attempts, bool Held, int MaxAttempts, TimeSpan Window, TimeSpan BaseBackoff)
{
    public static RestartBudget Fresh(int maxAttempts, TimeSpan window, TimeSpan baseBackoff) => new([], false, maxAttempts, window, baseBackoff);

    public int AttemptsInWindow(DateTimeOffset now) => Attempts.Count(a => now - a < Window);

    /// <summary>When the next attempt may start (null: now).</summary>
    public DateTimeOffset? NextAllowedAt(DateTimeOffset now)
    {
        var recent = Attempts.Where(a => now - a < Window).OrderBy(a => a).ToList();
        if (recent.Count == 0)
        {
            return null;
        }

        var backoff = BaseBackoff * Math.Pow(2, recent.Count - 1);
        var next = recent[^1] + backoff;
        return next > now ? next : null;
    }

    public RestartBudget Record(DateTimeOffset now)
    {
        var attempts = Attempts.Where(a => now - a < Window).Append(now).ToList();
        return this with { Attempts = attempts };
    }

    /// <summary>MaxAttempts in the window did not bring the node back: another one would be a crash loop.</summary>
    public bool Spent(DateTimeOffset now) => Held || AttemptsInWindow(now) >= MaxAttempts;

    public RestartBudget Hold() => this with { Held = true };

    public RestartBudget Release() => this with { Attempts = [], Held = false };
}
