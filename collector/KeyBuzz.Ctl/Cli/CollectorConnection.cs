using Grpc.Core;
using Grpc.Net.Client;

namespace KeyBuzz.Ctl.Cli;

/// <summary>The collector kbctl talks to: --collector, else $KBCTL_COLLECTOR, else the local default.</summary>
internal sealed class CollectorConnection : IDisposable
{
    public const string DefaultUrl = "http://127.0.0.1:7171";

    private CollectorConnection(string url, GrpcChannel channel, Metadata headers)
    {
        Url = url;
        Channel = channel;
        Headers = headers;
    }

    public string Url { get; }

    public GrpcChannel Channel { get; }

    /// <summary>Sent with every call: the operator's bearer token.</summary>
    public Metadata Headers { get; }

    public static CollectorConnection Open(string? option, string? tokenOption, string? caOption = null)
    {
        var url = option ?? (Environment.GetEnvironmentVariable("KBCTL_COLLECTOR") is { Length: > 0 } env ? env : DefaultUrl);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--collector '{url}' is not an http:// or https:// URL (e.g. {DefaultUrl})");
        }

        var channel = GrpcChannel.ForAddress(uri, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(3), SslOptions = Trust(caOption) },
        });
        var headers = new Metadata();
        if (Token(tokenOption) is { } token)
        {
            headers.Add("authorization", "Bearer " + token);
        }

        return new CollectorConnection(url, channel, headers);
    }

    public void Dispose() => Channel.Dispose();

    /// <summary>--ca, else $KBCTL_CA: the cluster CA that signed the collector's certificate.</summary>
    private static System.Net.Security.SslClientAuthenticationOptions Trust(string? option)
    {
        var file = option ?? Environment.GetEnvironmentVariable("KBCTL_CA");
        try
        {
            return Contracts.CollectorTrust.ClientOptions(file ?? string.Empty) ?? new System.Net.Security.SslClientAuthenticationOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>--token, else $KBCTL_TOKEN, else the file named by $KBCTL_TOKEN_FILE or ~/.config/keybuzz/kbctl.token.</summary>
    private static string? Token(string? option)
    {
        if (option is { Length: > 0 })
        {
            return option;
        }

        if (Environment.GetEnvironmentVariable("KBCTL_TOKEN") is { Length: > 0 } env)
        {
            return env;
        }

        var file = Environment.GetEnvironmentVariable("KBCTL_TOKEN_FILE") is { Length: > 0 } f
            ? f
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "keybuzz", "kbctl.token");
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        return Environment.GetEnvironmentVariable("KBCTL_TOKEN_FILE") is { Length: > 0 }
            ? throw new UsageException($"KBCTL_TOKEN_FILE {file} does not exist")
            : null;
    }
}
