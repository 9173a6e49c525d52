using System.Globalization;

namespace KeyBuzz.Ctl.Galera;

/// <summary>The constraints Galera and MariaDB enforce at start-up, checked before a fragment is written (a node that refuses to start is an outage).</summary>
internal static class GaleraValidator
{
    public static IReadOnlyList<string> Validate(GaleraSettings s)
    {
        var errors = new List<string>();
        string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
        if (s.SuspectSeconds < 0.1)
        {
            errors.Add(F($"--suspect {s.SuspectSeconds}s is below Galera's minimum of 0.1s (evs.suspect_timeout)"));
        }

        if (s.KeepaliveSeconds > s.SuspectSeconds / 3)
        {
            errors.Add(F($"--keepalive {s.KeepaliveSeconds}s must be at most --suspect/3 = {s.SuspectSeconds / 3:0.##}s: Galera refuses to start otherwise (evs.keepalive_period <= evs.suspect_timeout/3)"));
        }

        if (s.InactiveSeconds <= s.SuspectSeconds)
        {
            errors.Add(F($"--inactive {s.InactiveSeconds}s must be greater than --suspect {s.SuspectSeconds}s (evs.inactive_timeout > evs.suspect_timeout)"));
        }

        if (0.5 > s.SuspectSeconds / 2)
        {
            errors.Add(F($"--suspect {s.SuspectSeconds}s is too short for evs.inactive_check_period 0.5s (it must be at most suspect/2)"));
        }

        if (s.InactiveSeconds / 2 < s.KeepaliveSeconds)
        {
            errors.Add(F($"evs.install_timeout (--inactive/2 = {s.InactiveSeconds / 2:0.##}s) must not be below --keepalive {s.KeepaliveSeconds}s"));
        }

        if (s.FcLimit is < 1 or > 1_000_000)
        {
            errors.Add(F($"--fc-limit {s.FcLimit} must be between 1 and 1000000"));
        }

        if (s.SstMethod is not ("rsync" or "mariabackup"))
        {
            errors.Add($"--sst {s.SstMethod} must be rsync or mariabackup");
        }
        else if (s.SstMethod == "mariabackup" && (s.SstUser.Length == 0 || s.SstPassword.Length == 0))
        {
            errors.Add("--sst mariabackup needs --sst-user and --sst-password-file (the donor runs mariabackup as that user)");
        }

        if (s.RamMib < 512)
        {
            errors.Add(F($"--ram-mib {s.RamMib} is too small for an ERP database node"));
        }
        else if (s.EffectiveBufferPoolMib > s.RamMib * 80 / 100)
        {
            errors.Add(F($"--buffer-pool-mib {s.EffectiveBufferPoolMib} is more than 80 % of {s.RamMib} MiB RAM: the node would swap or be OOM-killed"));
        }

        if (s.LogFileSizeMib is < 4 or > 512 * 1024)
        {
            errors.Add(F($"--log-file-size-mib {s.LogFileSizeMib} must be between 4 and 524288"));
        }

        if (s.GcacheMib < 16)
        {
            errors.Add(F($"--gcache-mib {s.GcacheMib} is below 16 MiB"));
        }

        if (s.SlaveThreads is < 1 or > 512)
        {
            errors.Add(F($"--slave-threads {s.SlaveThreads} must be between 1 and 512"));
        }

        return errors;
    }
}
