using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace KeyBuzz.Contracts;

/// <summary>
/// TLS client settings for talking to the collector: trust exactly the cluster CA created by
/// `kb-collector tls init` (not the system store), and check the collector's name or IP as usual.
/// </summary>
public static class CollectorTrust
{
    /// <summary>Null when <paramref name="caFile"/> is empty (system trust store). Throws with a clear message for an unreadable CA.</summary>
    public static SslClientAuthenticationOptions? ClientOptions(string caFile)
    {
        if (string.IsNullOrEmpty(caFile))
        {
            return null;
        }

        X509Certificate2 ca;
        try
        {
            ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"cannot read the collector CA certificate {caFile}: {e.Message} (copy ca.crt from `kb-collector tls init`)", e);
        }

        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(ca);
        return new SslClientAuthenticationOptions { CertificateChainPolicy = policy };
    }
}
