namespace KeyBuzz.Ctl.Cli;

/// <summary>Bad command-line input; the message says what is wrong and how to fix it.</summary>
internal sealed class UsageException(string message) : Exception(message);
