using KeyBuzz.Agent.Core.OnDisk;
using KeyBuzz.Agent.Io;
using KeyBuzz.Agent.Options;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Repair;

internal sealed class LocalObserver(IProcessProbe probe, IStateFileStore files, IOptions<GaleraOptions> galera)
{
    public async Task<LocalObservation> ObserveAsync(CancellationToken cancellationToken)
    {
        var running = probe.IsMariadbRunning();
        var text = await files.ReadTextAsync(Path.Combine(galera.Value.DataDirectory, "grastate.dat"), cancellationToken);
        if (text is null)
        {
            return new LocalObservation(running, null, "grastate.dat missing");
        }

        var parsed = GrastateParser.Parse(text);
        return new LocalObservation(running, parsed.Value, parsed.Error);
    }

    /// <summary>rsync SST leaves sst_in_progress, mariabackup a .sst directory, while a transfer runs or after it aborted.</summary>
    public bool SstMarkerPresent() =>
        File.Exists(Path.Combine(galera.Value.DataDirectory, "sst_in_progress")) ||
        Directory.Exists(Path.Combine(galera.Value.DataDirectory, ".sst"));
}
