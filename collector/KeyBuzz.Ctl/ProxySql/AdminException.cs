namespace KeyBuzz.Ctl.ProxySql;

/// <summary>A ProxySQL admin interface refused a statement or could not be reached; the message says which and why.</summary>
internal sealed class AdminException(string message) : Exception(message);
