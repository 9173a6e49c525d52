using System.Globalization;

namespace KeyBuzz.Agent.Core.Evidence;

/// <summary>
/// When the agent runs `mariadbd --wsrep-recover` (pure): on every stopped datadir that has no
/// evidence bound to it as it is now — after a crash, after a clean stop (grastate.dat alone is
/// not believed), and again whenever the datadir changes — but never while mariadbd runs, never in
/// maintenance, never on a datadir still being changed by someone (it would race an operator's
/// mariadb-install-db or restore), and never on a datadir without InnoDB (mariadbd would create one).
/// </summary>
public static class RecoverPolicy
{
    /// <summary>The datadir must stay unchanged this long before it is read.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan BaseBackoff = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    public enum Verdict
    {
        /// <summary>Nothing to do (fresh evidence, or not allowed now).</summary>
        Keep,

        /// <summary>Run --wsrep-recover now.</summary>
        Recover,

        /// <summary>No InnoDB system tablespace: record "empty" without running mariadbd.</summary>
        RecordEmpty,
    }

    public static (Verdict Verdict, string Reason) Decide(RecoverInputs input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.MariadbRunning)
        {
            return (Verdict.Keep, "mariadbd is running");
        }

        if (input.Maintenance)
        {
            return (Verdict.Keep, "node in maintenance: its datadir is not read");
        }

        if (input.Evidence is { } evidence && evidence.IsFreshFor(input.Current) && evidence.Error is null)
        {
            return (Verdict.Keep, "position known for the datadir as it is");
        }

        if (input.Now - input.DatadirChangedAt < Settle)
        {
            return (Verdict.Keep, "the datadir is changing: waiting until it settles before reading it");
        }

        if (!input.Current.HasInnoDb)
        {
            return input.Evidence is { Empty: true } known && known.IsFreshFor(input.Current)
                ? (Verdict.Keep, "no InnoDB system tablespace (ibdata1): nothing to recover")
                : (Verdict.RecordEmpty, "no InnoDB system tablespace (ibdata1): the datadir holds no data");
        }

        if (input.LastFailureAt is { } failed && input.Failures > 0)
        {
            var wait = Backoff(input.Failures);
            if (input.Now - failed < wait)
            {
                return (Verdict.Keep, $"--wsrep-recover failed {input.Failures} time(s); next try in {Math.Ceiling((wait - (input.Now - failed)).TotalSeconds).ToString(CultureInfo.InvariantCulture)}s");
            }
        }

        return (Verdict.Recover, input.Evidence is null ? "no recovered position yet" : "the datadir changed since its position was recovered");
    }

    public static TimeSpan Backoff(int failures)
    {
        var backoff = BaseBackoff * Math.Pow(2, Math.Max(0, failures - 1));
        return backoff > MaxBackoff ? MaxBackoff : backoff;
    }
}
