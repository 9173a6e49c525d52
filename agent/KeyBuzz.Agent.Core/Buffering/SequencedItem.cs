namespace KeyBuzz.Agent.Core.Buffering;

public readonly record struct SequencedItem<T>(ulong Seq, T Item);
