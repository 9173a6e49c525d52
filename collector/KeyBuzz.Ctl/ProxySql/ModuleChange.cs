namespace KeyBuzz.Ctl.ProxySql;

/// <summary>One admin module that differs from the desired config: what differs, and the statements (before LOAD/SAVE) that fix it.</summary>
internal sealed record ModuleChange(string Module, IReadOnlyList<string> Differences, IReadOnlyList<string> Statements);
