namespace KeyBuzz.Agent.Core.OnDisk;

/// <summary>The content of Galera's grastate.dat.</summary>
public sealed record GrastateFile(string Version, string Uuid, long Seqno, bool SafeToBootstrap)
{
    public const string ZeroUuid = "00000000-0000-0000-0000-000000000000";

    /// <summary>Galera writes the zero UUID during "unsafe" windows (DDL apply, SST) and on empty nodes.</summary>
    public bool IsZeroUuid => Uuid == ZeroUuid;

    /// <summary>seqno -1: the node is running, or crashed; the position must come from --wsrep-recover.</summary>
    public bool HasPosition => Seqno >= 0 && !IsZeroUuid;
}
