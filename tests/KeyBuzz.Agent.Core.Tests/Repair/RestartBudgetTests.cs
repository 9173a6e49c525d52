using KeyBuzz.Agent.Core.Repair;

namespace KeyBuzz.Agent.Core.Tests.Repair;

public sealed class RestartBudgetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly RestartBudget Fresh = RestartBudget.Fresh(3, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(10));

    [Fact]
    public void Backoff_doubles_after_each_attempt()
    {
        var budget = Fresh.Record(T0);
        Assert.Equal(T0.AddSeconds(10), budget.NextAllowedAt(T0.AddSeconds(1)));

        budget = budget.Record(T0.AddSeconds(10));
        Assert.Equal(T0.AddSeconds(30), budget.NextAllowedAt(T0.AddSeconds(11)));
        Assert.Null(budget.NextAllowedAt(T0.AddSeconds(30)));
    }

    [Fact]
    public void Spent_after_max_attempts_in_the_window()
    {
        var budget = Fresh.Record(T0).Record(T0.AddSeconds(10)).Record(T0.AddSeconds(30));

        Assert.True(budget.Spent(T0.AddSeconds(60)));
        Assert.False(budget.Spent(T0.AddMinutes(31)));
    }

    [Fact]
    public void Hold_is_sticky_until_released()
    {
        var held = Fresh.Hold();

        Assert.True(held.Spent(T0.AddDays(1)));
        Assert.False(held.Release().Spent(T0));
        Assert.Empty(held.Release().Attempts);
    }
}
