using System.Net;
using KeyBuzz.Collector.Options;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.Auth;

/// <summary>No-auth only on loopback (unless explicitly allowed); token mode needs its tokens file.</summary>
internal sealed class AuthOptionsValidator(IOptions<CollectorOptions> collector) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (options.Mode == "token")
        {
            return File.Exists(options.TokensFile)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Auth:TokensFile {options.TokensFile} does not exist: create tokens with 'kb-collector tokens add-agent CLUSTER NODE' and 'kb-collector tokens add-operator NAME --role admin' (or set Auth:Mode to \"none\" for a loopback-only lab)");
        }

        if (options.Mode != "none")
        {
            return ValidateOptionsResult.Fail($"Auth:Mode '{options.Mode}' is not supported: use \"token\" or \"none\"");
        }

        var loopback = Uri.TryCreate(collector.Value.ListenUrl, UriKind.Absolute, out var url) &&
            (url.Host == "localhost" || (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address)));
        return loopback || options.AllowNoAuthOnNonLoopback
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Auth:Mode \"none\" on {collector.Value.ListenUrl} would let anyone on the network bootstrap your databases: use tokens, listen on loopback, or set Auth:AllowNoAuthOnNonLoopback=true if you really mean it");
    }
}
