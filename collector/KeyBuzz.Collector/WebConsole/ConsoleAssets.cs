using System.Collections.Concurrent;
using System.Text;

namespace KeyBuzz.Collector.WebConsole;

/// <summary>The console's files, embedded in the collector (works offline: no CDN, nothing downloaded).</summary>
internal static class ConsoleAssets
{
    private static readonly ConcurrentDictionary<string, byte[]> Cache = new(StringComparer.Ordinal);

    public static byte[] Bytes(string name) => Cache.GetOrAdd(name, Load);

    /// <summary>Only the embedded files, by exact name: nothing else of the assembly or the disk is reachable.</summary>
    public static bool Exists(string name) =>
        typeof(ConsoleAssets).Assembly.GetManifestResourceNames().Contains($"WebConsole/{name}", StringComparer.Ordinal);

    public static string Text(string name) => Encoding.UTF8.GetString(Bytes(name));

    public static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    };

    private static byte[] Load(string name)
    {
        using var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream($"WebConsole/{name}")
            ?? throw new InvalidOperationException($"console asset {name} is not embedded in kb-collector (build problem)");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
