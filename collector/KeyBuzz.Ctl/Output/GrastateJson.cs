namespace KeyBuzz.Ctl.Output;

internal sealed record GrastateJson(bool Present, string Uuid, long Seqno, bool SafeToBootstrap, string? Error);
