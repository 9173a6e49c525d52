namespace KeyBuzz.Agent.Core.Buffering;

/// <summary>
/// Bounded buffer of readings not yet acknowledged by the collector. Assigns sequence numbers
/// (1, 2, …); when full, drops the oldest reading and counts it, so a collector outage longer
/// than the buffer loses the oldest data, never the newest, and never silently.
/// Thread-safe: the sampling loop appends, the shipper reads and acknowledges.
/// </summary>
public sealed class ReadingBuffer<T>
{
    private readonly Lock _lock = new();
    private readonly LinkedList<SequencedItem<T>> _items = new();
    private TaskCompletionSource _appended = NewSignal();
    private ulong _lastSeq;
    private ulong _acknowledged;
    private ulong _dropped;

    public ReadingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count
    {
        get { lock (_lock) { return _items.Count; } }
    }

    public ulong DroppedTotal
    {
        get { lock (_lock) { return _dropped; } }
    }

    public ulong Acknowledged
    {
        get { lock (_lock) { return _acknowledged; } }
    }

    public ulong LastSeq
    {
        get { lock (_lock) { return _lastSeq; } }
    }

    /// <summary>Adds a reading built from its sequence number and the drop count so far.</summary>
    public ulong Append(Func<ulong, ulong, T> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        TaskCompletionSource signal;
        ulong seq;
        lock (_lock)
        {
            if (_items.Count >= Capacity)
            {
                _items.RemoveFirst();
                _dropped++;
            }

            seq = ++_lastSeq;
            _items.AddLast(new SequencedItem<T>(seq, create(seq, _dropped)));
            signal = _appended;
            _appended = NewSignal();
        }

        signal.TrySetResult();
        return seq;
    }

    /// <summary>The collector stored everything up to <paramref name="seq"/>: forget it.</summary>
    public void Acknowledge(ulong seq)
    {
        lock (_lock)
        {
            if (seq <= _acknowledged)
            {
                return;
            }

            _acknowledged = Math.Min(seq, _lastSeq);
            while (_items.First is { } first && first.Value.Seq <= _acknowledged)
            {
                _items.RemoveFirst();
            }
        }
    }

    /// <summary>Up to <paramref name="max"/> buffered readings with a sequence number above <paramref name="afterSeq"/>.</summary>
    public IReadOnlyList<SequencedItem<T>> PendingAfter(ulong afterSeq, int max)
    {
        var result = new List<SequencedItem<T>>();
        lock (_lock)
        {
            foreach (var item in _items)
            {
                if (item.Seq <= afterSeq)
                {
                    continue;
                }

                result.Add(item);
                if (result.Count >= max)
                {
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>Completes when a reading with a sequence number above <paramref name="afterSeq"/> exists.</summary>
    public Task WaitForAppendAsync(ulong afterSeq, CancellationToken cancellationToken)
    {
        Task signal;
        lock (_lock)
        {
            if (_lastSeq > afterSeq)
            {
                return Task.CompletedTask;
            }

            signal = _appended.Task;
        }

        return signal.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
