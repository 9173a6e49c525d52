using System.Diagnostics;

namespace KeyBuzz.Integration.Tests.Lab;

/// <summary>Polls a condition until a deadline: tests never sleep to wait for something.</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what, int everyMs = 100)
        where T : class
    {
        var watch = Stopwatch.StartNew();
        Exception? last = null;
        while (watch.Elapsed < timeout)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                last = ex;
            }

            await Task.Delay(everyMs);
        }

        throw new TimeoutException($"{what}: not true after {timeout.TotalSeconds:0.#}s{(last is null ? string.Empty : $" (last error: {last.Message})")}");
    }

    public static Task UntilAsync(Func<Task<bool>> probe, TimeSpan timeout, string what, int everyMs = 100) =>
        UntilAsync<object>(async () => await probe() ? new object() : null, timeout, what, everyMs);
}
