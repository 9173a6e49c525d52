using KeyBuzz.Agent.Core.Buffering;

namespace KeyBuzz.Agent.Core.Tests.Buffering;

public sealed class ReadingBufferTests
{
    private static ReadingBuffer<string> Filled(int capacity, int count)
    {
        var buffer = new ReadingBuffer<string>(capacity);
        for (var i = 0; i < count; i++)
        {
            buffer.Append((seq, dropped) => $"r{seq}/d{dropped}");
        }

        return buffer;
    }

    [Fact]
    public void Sequence_numbers_start_at_one_and_increase()
    {
        var buffer = Filled(10, 3);

        Assert.Equal([1UL, 2UL, 3UL], buffer.PendingAfter(0, 100).Select(i => i.Seq));
        Assert.Equal(3UL, buffer.LastSeq);
    }

    [Fact]
    public void Acknowledge_forgets_only_what_the_collector_stored()
    {
        var buffer = Filled(10, 5);

        buffer.Acknowledge(3);

        Assert.Equal([4UL, 5UL], buffer.PendingAfter(0, 100).Select(i => i.Seq));
        Assert.Equal(3UL, buffer.Acknowledged);
    }

    [Fact]
    public void Stale_or_future_acks_never_move_backwards_or_past_the_last_reading()
    {
        var buffer = Filled(10, 5);
        buffer.Acknowledge(4);

        buffer.Acknowledge(2);
        Assert.Equal(4UL, buffer.Acknowledged);

        buffer.Acknowledge(99);
        Assert.Equal(5UL, buffer.Acknowledged);
        Assert.Equal(0, buffer.Count);
    }

    [Fact]
    public void Unacknowledged_readings_are_resent_after_a_reconnect()
    {
        var buffer = Filled(10, 6);
        var sentBeforeDisconnect = buffer.PendingAfter(0, 100)[^1].Seq;
        buffer.Acknowledge(2); // the collector stored 1..2 before the stream broke

        var resend = buffer.PendingAfter(buffer.Acknowledged, 100);

        Assert.Equal(6UL, sentBeforeDisconnect);
        Assert.Equal([3UL, 4UL, 5UL, 6UL], resend.Select(i => i.Seq));
    }

    [Fact]
    public void Overflow_drops_the_oldest_counts_it_and_stamps_new_readings()
    {
        var buffer = Filled(3, 5);

        Assert.Equal(2UL, buffer.DroppedTotal);
        Assert.Equal(["r3/d0", "r4/d1", "r5/d2"], buffer.PendingAfter(0, 100).Select(i => i.Item));
    }

    [Fact]
    public void Pending_is_limited_to_the_batch_size()
    {
        var buffer = Filled(10, 8);

        Assert.Equal([3UL, 4UL, 5UL], buffer.PendingAfter(2, 3).Select(i => i.Seq));
    }

    [Fact]
    public async Task Waiting_completes_when_a_newer_reading_arrives()
    {
        var buffer = Filled(10, 2);
        var wait = buffer.WaitForAppendAsync(2, CancellationToken.None);

        Assert.False(wait.IsCompleted);
        buffer.Append((seq, _) => $"r{seq}");
        await wait.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(buffer.WaitForAppendAsync(1, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void Capacity_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReadingBuffer<string>(0));
}
