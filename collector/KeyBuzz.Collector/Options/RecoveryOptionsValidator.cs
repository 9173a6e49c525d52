using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.Options;

internal sealed class RecoveryOptionsValidator : IValidateOptions<RecoveryOptions>
{
    public ValidateOptionsResult Validate(string? name, RecoveryOptions options)
    {
        var errors = new List<string>();
        if (options.OutageConfirmSeconds is < 2 or > 3600)
        {
            errors.Add($"Recovery:OutageConfirmSeconds {options.OutageConfirmSeconds} is out of range: use 2..3600 (default 5)");
        }

        if (options.GrantTtlSeconds is < 5 or > 600)
        {
            errors.Add($"Recovery:GrantTtlSeconds {options.GrantTtlSeconds} is out of range: use 5..600 (default 30)");
        }

        if (options.MaxAutoBootstraps < 0 || options.AutoBootstrapWindowMinutes < 1)
        {
            errors.Add("Recovery:MaxAutoBootstraps must be >= 0 and Recovery:AutoBootstrapWindowMinutes >= 1");
        }

        if (options.SyncedTimeoutSeconds < 10 || options.MaxGrantsPerRound < 1)
        {
            errors.Add("Recovery:SyncedTimeoutSeconds must be >= 10 and Recovery:MaxGrantsPerRound >= 1");
        }

        if (options.CrashAfterPersisting is not ("" or "grant" or "start" or "fence"))
        {
            errors.Add($"Recovery:CrashAfterPersisting '{options.CrashAfterPersisting}' is not a crash point: use grant, start or fence (fault-injection tests only), or leave it empty");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
