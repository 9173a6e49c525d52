namespace KeyBuzz.Agent.Core.Repair;

/// <summary>This node's on-disk position: from grastate.dat, or recovered from InnoDB.</summary>
public sealed record LocalPosition(string Uuid, long Seqno)
{
    public override string ToString() => $"{Uuid}:{Seqno}";
}
