using KeyBuzz.Agent.Options;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Io;

/// <summary>
/// Reads the pid file and checks /proc. A crash leaves a stale pid file behind, so the process
/// name is checked too (a recycled pid then reads as "down", which is what it is).
/// </summary>
internal sealed class PidFileProcessProbe(IOptions<GaleraOptions> options) : IProcessProbe
{
    private readonly string _pidFile = options.Value.PidFile;

    public bool IsMariadbRunning()
    {
        if (string.IsNullOrEmpty(_pidFile) || !File.Exists(_pidFile))
        {
            return false;
        }

        var text = File.ReadAllText(_pidFile).Trim();
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) || pid <= 0)
        {
            return false;
        }

        try
        {
            var comm = File.ReadAllText($"/proc/{pid}/comm").Trim();
            return comm is "mariadbd" or "mysqld" && !IsExiting(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// A killed mariadbd stays in /proc while the kernel tears it down (PF_EXITING) and until its
    /// parent reaps it (zombie): it is already down, and saying so at once is what detection is about.
    /// </summary>
    internal static bool IsExiting(string stat)
    {
        const long PfExiting = 0x4;
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 6 && (fields[0] is "Z" or "X" || (long.TryParse(fields[6], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var flags) && (flags & PfExiting) != 0));
    }
}
