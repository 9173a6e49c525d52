namespace KeyBuzz.Ctl.Galera;

/// <summary>What `kbctl galera config` renders: the Module 8 intent under real Galera 4 / MariaDB 10.11 names (proxysql.md §1.7).</summary>
internal sealed record GaleraSettings
{
    /// <summary>RAM of the database host, used to size the buffer pool when it is not given.</summary>
    public long RamMib { get; init; } = 4096;

    /// <summary>innodb_buffer_pool_size; 0: 60 % of RAM.</summary>
    public long BufferPoolMib { get; init; }

    public long LogFileSizeMib { get; init; } = 512;

    public long GcacheMib { get; init; } = 1024;

    /// <summary>Write rate (replicated + received bytes per second) the gcache must absorb; 0: unknown.</summary>
    public double WriteRateKibPerSecond { get; init; }

    public long FcLimit { get; init; } = 256;

    public double KeepaliveSeconds { get; init; } = 3;

    public double SuspectSeconds { get; init; } = 10;

    public double InactiveSeconds { get; init; } = 30;

    public string SstMethod { get; init; } = "rsync";

    public string SstUser { get; init; } = string.Empty;

    public string SstPassword { get; init; } = string.Empty;

    public int SlaveThreads { get; init; } = 4;

    public long EffectiveBufferPoolMib => BufferPoolMib > 0 ? BufferPoolMib : RamMib * 60 / 100;

    /// <summary>How long a node may be away and still rejoin by IST (gcache / write rate); null when the rate is unknown.</summary>
    public TimeSpan? IstWindow => WriteRateKibPerSecond > 0 ? TimeSpan.FromSeconds(GcacheMib * 1024 / WriteRateKibPerSecond) : null;
}
