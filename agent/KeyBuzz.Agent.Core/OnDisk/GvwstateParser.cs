namespace KeyBuzz.Agent.Core.OnDisk;

/// <summary>Parses gvwstate.dat; an empty or torn file is reported, never guessed at.</summary>
public static class GvwstateParser
{
    private const string Hint = "pc.recovery cannot use it; an empty gvwstate.dat must be removed before the node starts";

    public static ParseResult<GvwstateFile> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Length == 0)
        {
            return Fail($"gvwstate.dat is empty (left by an ungraceful shutdown); {Hint}");
        }

        if (!StateFileLines.LooksLikeText(text))
        {
            return Fail($"gvwstate.dat contains binary data (corrupted file); {Hint}");
        }

        var hasBegin = text.Contains("#vwbeg", StringComparison.Ordinal);
        var hasEnd = text.Contains("#vwend", StringComparison.Ordinal);
        if (!hasBegin || !hasEnd)
        {
            return Fail($"gvwstate.dat has no complete view (#vwbeg/#vwend missing: torn write); {Hint}");
        }

        string? myUuid = null, viewId = null;
        var bootstrap = false;
        var members = new List<string>();
        foreach (var (lineNumber, key, value) in StateFileLines.KeyValues(text))
        {
            switch (key)
            {
                case "my_uuid":
                    myUuid = value;
                    break;
                case "view_id":
                    viewId = value;
                    break;
                case "bootstrap":
                    bootstrap = value == "1";
                    break;
                case "member":
                    var uuid = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
                    if (!StateFileLines.IsUuid(uuid))
                    {
                        return Fail($"gvwstate.dat line {lineNumber}: member '{uuid}' is not a UUID (torn write?); {Hint}");
                    }

                    members.Add(uuid.ToLowerInvariant());
                    break;
                default:
                    // Unknown keys are tolerated: newer Galera versions may add fields.
                    break;
            }
        }

        if (myUuid is null || !StateFileLines.IsUuid(myUuid))
        {
            return Fail($"gvwstate.dat has no valid my_uuid; {Hint}");
        }

        if (viewId is null)
        {
            return Fail($"gvwstate.dat has no view_id; {Hint}");
        }

        if (members.Count == 0)
        {
            return Fail($"gvwstate.dat view has no members (torn write?); {Hint}");
        }

        return ParseResult<GvwstateFile>.Success(new GvwstateFile(myUuid.ToLowerInvariant(), viewId, bootstrap, members));
    }

    private static ParseResult<GvwstateFile> Fail(string error) => ParseResult<GvwstateFile>.Failure(error);
}
