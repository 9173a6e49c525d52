namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>A row of runtime_mysql_galera_hostgroups.</summary>
public sealed record GaleraHostgroups(int Writer, int BackupWriter, int Reader, int Offline, bool Active, int MaxWriters, int WriterIsAlsoReader, long MaxTransactionsBehind);
