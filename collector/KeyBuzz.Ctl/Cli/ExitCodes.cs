namespace KeyBuzz.Ctl.Cli;

internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Unreachable = 2;
    public const int NotAllowed = 3;
    public const int Usage = 64;

    /// <summary>128 + SIGINT, as shells report a command stopped by Ctrl-C.</summary>
    public const int Interrupted = 130;
}
