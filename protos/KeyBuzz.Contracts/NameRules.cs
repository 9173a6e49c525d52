namespace KeyBuzz.Contracts;

/// <summary>What a node or cluster name may look like on the wire (both ends validate it).</summary>
public static class NameRules
{
    public const string Description = "use 1-64 characters among letters, digits, '.', '_' and '-'";

    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 &&
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
