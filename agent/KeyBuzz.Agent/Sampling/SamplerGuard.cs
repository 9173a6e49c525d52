using System.Collections.Concurrent;
using KeyBuzz.Agent.Diagnostics;
using Microsoft.Extensions.Logging;

namespace KeyBuzz.Agent.Sampling;

/// <summary>
/// Runs one sampler of a cycle with its own timeout and turns a failure into a reason; logs a sampler
/// once when it starts failing and once when it recovers (samplers finish on different threads).
/// </summary>
internal sealed class SamplerGuard(TimeSpan timeout, ILogger logger)
{
    private readonly ConcurrentDictionary<string, bool> _failing = new();

    public async Task<(T? Value, string? Failure)> RunAsync<T>(string name, Func<CancellationToken, Task<T>> sample, CancellationToken stoppingToken)
        where T : class
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        limit.CancelAfter(timeout);
        string reason;
        try
        {
            var value = await sample(limit.Token).WaitAsync(limit.Token);
            if (_failing.TryRemove(name, out _))
            {
                Log.SamplerRecovered(logger, name);
            }

            return (value, null);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            reason = $"timed out after {timeout.TotalMilliseconds:0} ms";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            reason = ex.Message;
        }

        if (_failing.TryAdd(name, true))
        {
            Log.SamplerFailed(logger, name, reason);
        }

        return (null, reason);
    }
}
