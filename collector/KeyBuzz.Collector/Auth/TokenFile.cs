using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KeyBuzz.Collector.Auth;

/// <summary>The tokens file: hashes only, written atomically with mode 0600.</summary>
internal sealed class TokenFile(string path)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string Path { get; } = path;

    public IReadOnlyList<TokenEntry> Load()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<TokenEntry>>(File.ReadAllText(Path), Json) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{Path} is not a valid tokens file ({ex.Message}); fix it or recreate it with kb-collector tokens", ex);
        }
    }

    public void Save(IReadOnlyList<TokenEntry> entries)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(directory);
        var temp = Path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(entries, Json));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, Path, overwrite: true);
    }

    public static string NewToken() => "kb_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
