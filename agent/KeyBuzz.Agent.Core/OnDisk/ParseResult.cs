namespace KeyBuzz.Agent.Core.OnDisk;

/// <summary>Either a parsed value or a precise, human-readable error.</summary>
public sealed record ParseResult<T>(T? Value, string? Error)
    where T : class
{
    public bool Ok => Value is not null;

    public static ParseResult<T> Success(T value) => new(value, null);

    public static ParseResult<T> Failure(string error) => new(null, error);
}
