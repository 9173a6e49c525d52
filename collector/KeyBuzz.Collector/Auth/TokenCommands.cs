using KeyBuzz.Contracts;

namespace KeyBuzz.Collector.Auth;

/// <summary>
/// `kb-collector tokens …`: creates and revokes tokens. A token is printed once; only its SHA-256
/// is stored, so a leaked tokens file does not leak tokens.
/// </summary>
internal static class TokenCommands
{
    public const string Usage =
        """
        usage: kb-collector tokens [--file PATH] COMMAND
          add-agent CLUSTER NODE               token for the agent of one node (it may report for that node only)
          add-operator NAME --role admin|readonly
          revoke NAME                          NAME is CLUSTER/NODE for an agent
          list
        PATH defaults to Auth:TokensFile (/etc/keybuzz/tokens.json).
        """;

    public static int Run(IReadOnlyList<string> args, string defaultFile, TextWriter output, TextWriter error)
    {
        var rest = args.ToList();
        var file = defaultFile;
        var at = rest.IndexOf("--file");
        if (at >= 0 && at + 1 < rest.Count)
        {
            file = rest[at + 1];
            rest.RemoveRange(at, 2);
        }

        var store = new TokenFile(file);
        try
        {
            var entries = store.Load().ToList();
            switch (rest.FirstOrDefault())
            {
                case "add-agent" when rest.Count == 3 && NameRules.IsValid(rest[1]) && NameRules.IsValid(rest[2]):
                    return Add(store, entries, new TokenEntry("agent", $"{rest[1]}/{rest[2]}", rest[1], rest[2], null, string.Empty, DateTimeOffset.UtcNow), output, error);
                case "add-operator" when rest.Count == 4 && rest[2] == "--role" && rest[3] is "admin" or "readonly" && NameRules.IsValid(rest[1]):
                    return Add(store, entries, new TokenEntry("operator", rest[1], null, null, rest[3], string.Empty, DateTimeOffset.UtcNow), output, error);
                case "revoke" when rest.Count == 2:
                    if (entries.RemoveAll(e => e.Name == rest[1]) == 0)
                    {
                        error.WriteLine($"kb-collector: no token named '{rest[1]}' in {file}");
                        return 1;
                    }

                    store.Save(entries);
                    output.WriteLine($"revoked {rest[1]} (effective immediately)");
                    return 0;
                case "list" when rest.Count == 1:
                    foreach (var e in entries)
                    {
                        output.WriteLine($"{e.Kind,-9} {e.Name,-30} {e.Role ?? string.Empty,-9} created {e.CreatedAt:yyyy-MM-dd HH:mm}Z");
                    }

                    return 0;
                default:
                    error.WriteLine(Usage);
                    return 64;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            error.WriteLine($"kb-collector: {ex.Message}");
            return 1;
        }
    }

    private static int Add(TokenFile store, List<TokenEntry> entries, TokenEntry entry, TextWriter output, TextWriter error)
    {
        if (entries.Any(e => e.Name == entry.Name))
        {
            error.WriteLine($"kb-collector: '{entry.Name}' already has a token: revoke it first");
            return 1;
        }

        var token = TokenFile.NewToken();
        entries.Add(entry with { Sha256 = TokenFile.Hash(token) });
        store.Save(entries);
        output.WriteLine(token);
        return 0;
    }
}
