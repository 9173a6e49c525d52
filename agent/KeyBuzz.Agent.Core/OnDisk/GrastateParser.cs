namespace KeyBuzz.Agent.Core.OnDisk;

/// <summary>
/// Parses grastate.dat. Galera rewrites the file in place without a temp file, so a crash can
/// leave it empty or torn: every way it can be unusable gets an error that says so.
/// </summary>
public static class GrastateParser
{
    private const string Hint = "recover the position with mariadbd --wsrep-recover instead of trusting this file";

    public static ParseResult<GrastateFile> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Length == 0)
        {
            return Fail($"grastate.dat is empty (torn write during a crash); {Hint}");
        }

        if (!StateFileLines.LooksLikeText(text))
        {
            return Fail($"grastate.dat contains binary data (corrupted file); {Hint}");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (lineNumber, key, value) in StateFileLines.KeyValues(text))
        {
            if (value.Length == 0)
            {
                return Fail($"grastate.dat line {lineNumber}: expected 'key: value', found '{Truncate(key)}'; {Hint}");
            }

            if (!fields.TryAdd(key, value))
            {
                return Fail($"grastate.dat line {lineNumber}: '{key}' appears twice (torn or hand-edited file); {Hint}");
            }
        }

        if (!fields.TryGetValue("version", out var version))
        {
            return Fail($"grastate.dat has no 'version' line (torn or not a Galera state file); {Hint}");
        }

        if (!fields.TryGetValue("uuid", out var uuid))
        {
            return Fail($"grastate.dat has no 'uuid' line (torn write?); {Hint}");
        }

        if (!StateFileLines.IsUuid(uuid))
        {
            return Fail($"grastate.dat uuid '{Truncate(uuid)}' is not a UUID (torn write?); {Hint}");
        }

        if (!fields.TryGetValue("seqno", out var seqnoText))
        {
            return Fail($"grastate.dat has no 'seqno' line (torn write?); {Hint}");
        }

        if (!long.TryParse(seqnoText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var seqno) || seqno < -1)
        {
            return Fail($"grastate.dat seqno '{Truncate(seqnoText)}' is not a number >= -1 (torn write?); {Hint}");
        }

        // Files written before Galera 3.19 have no safe_to_bootstrap line: treat as not safe.
        var safe = false;
        if (fields.TryGetValue("safe_to_bootstrap", out var safeText))
        {
            if (safeText is not ("0" or "1"))
            {
                return Fail($"grastate.dat safe_to_bootstrap '{Truncate(safeText)}' is neither 0 nor 1; {Hint}");
            }

            safe = safeText == "1";
        }

        return ParseResult<GrastateFile>.Success(new GrastateFile(version, uuid.ToLowerInvariant(), seqno, safe));
    }

    private static ParseResult<GrastateFile> Fail(string error) => ParseResult<GrastateFile>.Failure(error);

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
