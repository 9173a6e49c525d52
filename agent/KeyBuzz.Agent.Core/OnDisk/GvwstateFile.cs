namespace KeyBuzz.Agent.Core.OnDisk;

/// <summary>
/// The content of gvwstate.dat: the last Primary Component view saved by pc.recovery.
/// It only exists after an ungraceful shutdown (Galera deletes it on a clean one).
/// </summary>
public sealed record GvwstateFile(string MyUuid, string ViewId, bool Bootstrap, IReadOnlyList<string> Members);
