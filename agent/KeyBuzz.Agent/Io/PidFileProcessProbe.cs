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
            return comm is "mariadbd" or "mysqld";
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
}
