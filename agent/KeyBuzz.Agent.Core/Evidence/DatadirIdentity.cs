using System.Security.Cryptography;
using System.Text;

namespace KeyBuzz.Agent.Core.Evidence;

/// <summary>
/// Which datadir, in which state, a position was derived from. Any change (a wiped and
/// re-initialised datadir, a copied grastate.dat, a server run) changes the token, and a position
/// derived before the change stops being evidence.
/// </summary>
public sealed record DatadirIdentity(IReadOnlyList<FileStamp> Files)
{
    /// <summary>The datadir and its sub-directory "mysql" count as directories; the rest as files.</summary>
    public static readonly IReadOnlyList<(string Name, bool ContentsMatter)> Watched =
        [(".", false), ("mysql", false), ("ibdata1", true), ("ib_logfile0", true), ("grastate.dat", true)];

    /// <summary>A short, stable digest of every stamp: what agents report and grants carry.</summary>
    public string Token
    {
        get
        {
            var text = string.Join(';', Files.Select(f => f.Canonical()));
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        }
    }

    /// <summary>True when InnoDB's system tablespace exists: without it there is no data to recover.</summary>
    public bool HasInnoDb => Files.Any(f => f.Name == "ibdata1" && f.Exists);

    /// <summary>What changed since <paramref name="before"/>, in operator words (empty when nothing did).</summary>
    public string DifferenceFrom(DatadirIdentity before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var changes = Files
            .Select(f => before.Files.FirstOrDefault(b => b.Name == f.Name) is { } old ? f.DifferenceFrom(old) : $"{f.Name} appeared")
            .OfType<string>()
            .ToList();
        return string.Join(", ", changes);
    }
}
