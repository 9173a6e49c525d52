using KeyBuzz.Agent.Core.Evidence;

namespace KeyBuzz.Agent.Core.Tests.Evidence;

/// <summary>Datadir identities and evidence as the agent would read them, for table-driven cases.</summary>
internal static class Datadirs
{
    public const string U = "74b40c19-e905-11f1-a459-5e998b5f3507";
    public static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A stopped datadir with data: every watched file present.</summary>
    public static DatadirIdentity Stopped(ulong ibdataInode = 950286, long ibdataCtime = 1_796_142_795_438_825_813, ulong grastateInode = 950291, long grastateCtime = 1_796_142_791_222_825_996) =>
        new([
            new FileStamp(".", true, 2049, 950278, 4096, 1, false),
            new FileStamp("mysql", true, 2049, 958465, 4096, 1, false),
            new FileStamp("ibdata1", true, 2049, ibdataInode, 12_582_912, ibdataCtime, true),
            new FileStamp("ib_logfile0", true, 2049, 950287, 50_331_648, 1_796_142_795_438_825_813, true),
            new FileStamp("grastate.dat", true, 2049, grastateInode, 113, grastateCtime, true),
        ]);

    /// <summary>A datadir removed and created again empty (no InnoDB yet).</summary>
    public static DatadirIdentity Wiped() =>
        new([
            new FileStamp(".", true, 2049, 990001, 4096, 2, false),
            FileStamp.Missing("mysql") with { ContentsMatter = false },
            FileStamp.Missing("ibdata1"),
            FileStamp.Missing("ib_logfile0"),
            FileStamp.Missing("grastate.dat"),
        ]);

    public static PositionEvidence Recovered(long seqno = 42, string uuid = U, DatadirIdentity? datadir = null, string? error = null, bool prepared = false, string? disagreement = null) =>
        new(uuid, seqno, prepared, error, disagreement, T0, datadir ?? Stopped());
}
