using System.Globalization;
using KeyBuzz.Contracts;

namespace KeyBuzz.Ctl.ProxySql;

/// <summary>
/// Refuses what ProxySQL would silently reset or reject (its ranges, proxysql.md §1.3) and
/// combinations that cannot work, before anything is sent. Each message names the option.
/// </summary>
internal static class ProxySqlValidator
{
    public static IReadOnlyList<string> Validate(ProxySqlSettings s)
    {
        var errors = new List<string>();
        void Range(string option, long value, long min, long max)
        {
            if (value < min || value > max)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{option} {value} is outside ProxySQL's range {min}..{max} (ProxySQL would silently keep its old value)"));
            }
        }

        Range("--galera-interval", s.GaleraCheckIntervalMs, 50, 7L * 24 * 3600 * 1000);
        Range("--galera-timeout", s.GaleraCheckTimeoutMs, 50, 600_000);
        Range("--galera-max-timeouts", s.GaleraCheckMaxTimeouts, 1, 10);
        Range("--ping-interval", s.PingIntervalMs, 100, 7L * 24 * 3600 * 1000);
        Range("--ping-timeout", s.PingTimeoutMs, 100, 600_000);
        Range("--ping-max-failures", s.PingMaxFailures, 1, 1_000_000);
        Range("--max-latency-ms", s.MaxLatencyMs, 0, 20 * 24 * 3600 * 1000L);
        Range("--connect-timeout-max", s.ConnectTimeoutServerMaxMs, 10, 3_600_000);
        Range("--max-connections", s.MaxConnectionsPerBackend, 1, 10_000);
        if (s.GaleraCheckTimeoutMs >= s.GaleraCheckIntervalMs)
        {
            errors.Add("--galera-timeout must be shorter than --galera-interval, or checks overlap");
        }

        if (s.PingTimeoutMs >= s.PingIntervalMs)
        {
            errors.Add("--ping-timeout must be shorter than --ping-interval");
        }

        var hostgroups = new[] { s.WriterHostgroup, s.BackupWriterHostgroup, s.ReaderHostgroup, s.OfflineHostgroup };
        if (hostgroups.Distinct().Count() != 4 || hostgroups.Any(h => h < 0) || s.ReaderHostgroup == 0)
        {
            errors.Add("the writer, backup writer, reader and offline hostgroups must be 4 different non-negative numbers, the reader hostgroup above 0 (ProxySQL's CHECK constraints refuse the mysql_galera_hostgroups row otherwise)");
        }

        if (s.Backends.Count == 0)
        {
            errors.Add($"cluster {s.Cluster} has no mariadb row in the inventory");
        }

        if (s.Proxies.Count != 2)
        {
            errors.Add($"cluster {s.Cluster} has {s.Proxies.Count} proxysql row(s): this configuration is a two-node ProxySQL Cluster");
        }

        if (s.AppUsers.Count == 0)
        {
            errors.Add("at least one --app-user NAME:PASSWORD_FILE is needed (the ERP's database user)");
        }

        foreach (var (name, value) in new[] { ("monitor", s.MonitorPassword), ("admin", s.AdminPassword), ("cluster", s.ClusterPassword) }.Concat(s.AppUsers.Select(u => ($"app user {u.User}", u.Password))))
        {
            if (string.IsNullOrEmpty(value))
            {
                errors.Add($"the {name} password is empty");
            }
            else if (value.Contains(';', StringComparison.Ordinal) || value.Contains(':', StringComparison.Ordinal))
            {
                errors.Add($"the {name} password contains ':' or ';', which admin-admin_credentials cannot hold");
            }
            else if (value.Any(c => c == '\\' || c == '"' || char.IsControl(c)))
            {
                // The admin SQL and proxysql.cnf (libconfig) quote differently; these would be stored altered in one of them.
                errors.Add($"the {name} password contains a backslash, a double quote or a control character: choose one without (ProxySQL would store it altered)");
            }
        }

        foreach (var user in new[] { s.MonitorUser, s.AdminUser, s.ClusterUser }.Concat(s.AppUsers.Select(u => u.User)))
        {
            if (!NameRules.IsValid(user))
            {
                errors.Add($"user name '{user}' is invalid: {NameRules.Description}");
            }
        }

        if (s.ClusterUser == s.AdminUser)
        {
            errors.Add("--cluster-user must differ from --admin-user");
        }

        return errors;
    }
}
