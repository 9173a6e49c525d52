using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;

namespace KeyBuzz.Collector.Coordination;

/// <summary>
/// One gRPC channel over every etcd member: pick_first moves to the next member when the one in
/// use fails, so any member of the quorum answers. TLS trusts only Collector:Etcd:CaFile.
/// </summary>
internal static class EtcdChannel
{
    public static GrpcChannel Create(EtcdOptions options)
    {
        var endpoints = options.Endpoints.Select(e => new Uri(e)).ToList();
        var secure = endpoints[0].Scheme == "https";
        var services = new ServiceCollection();
        services.AddSingleton<ResolverFactory>(new StaticResolverFactory(_ => endpoints.Select(u => new BalancerAddress(u.Host, u.Port))));
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, KeepAlivePingDelay = TimeSpan.FromSeconds(2), KeepAlivePingTimeout = TimeSpan.FromSeconds(2), ConnectTimeout = TimeSpan.FromSeconds(2) };
        if (secure)
        {
            handler.SslOptions = Ssl(options);
        }

        return GrpcChannel.ForAddress("static:///etcd", new GrpcChannelOptions
        {
            Credentials = secure ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure,
            ServiceProvider = services.BuildServiceProvider(),
            ServiceConfig = new ServiceConfig { LoadBalancingConfigs = { new PickFirstConfig() } },
            HttpHandler = handler,
            DisposeHttpClient = true,
        });
    }

    private static SslClientAuthenticationOptions Ssl(EtcdOptions options)
    {
        var ssl = new SslClientAuthenticationOptions();
        if (options.CaFile.Length > 0)
        {
            var ca = X509CertificateLoader.LoadCertificateFromFile(options.CaFile);
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                // The name must still match; only the trust anchor is ours.
                return (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None && chain.Build(new X509Certificate2(certificate));
            };
        }

        if (options.CertFile.Length > 0)
        {
            ssl.ClientCertificates = [X509Certificate2.CreateFromPemFile(options.CertFile, options.KeyFile)];
        }

        return ssl;
    }
}
