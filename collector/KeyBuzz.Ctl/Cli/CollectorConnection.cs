using Grpc.Net.Client;

namespace KeyBuzz.Ctl.Cli;

/// <summary>The collector kbctl talks to: --collector, else $KBCTL_COLLECTOR, else the local default.</summary>
internal sealed class CollectorConnection : IDisposable
{
    public const string DefaultUrl = "http://127.0.0.1:7171";

    private CollectorConnection(string url, GrpcChannel channel)
    {
        Url = url;
        Channel = channel;
    }

    public string Url { get; }

    public GrpcChannel Channel { get; }

    public static CollectorConnection Open(string? option)
    {
        var url = option ?? (Environment.GetEnvironmentVariable("KBCTL_COLLECTOR") is { Length: > 0 } env ? env : DefaultUrl);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--collector '{url}' is not an http:// or https:// URL (e.g. {DefaultUrl})");
        }

        var channel = GrpcChannel.ForAddress(uri, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(3) },
        });
        return new CollectorConnection(url, channel);
    }

    public void Dispose() => Channel.Dispose();
}
