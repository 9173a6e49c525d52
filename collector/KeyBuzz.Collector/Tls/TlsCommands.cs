using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KeyBuzz.Collector.Tls;

/// <summary>
/// `kb-collector tls init --out DIR --ip ADDR [--dns NAME] [--days N]`: a cluster CA (kept and reused
/// when DIR already has one) and a collector server certificate for the given addresses.
/// </summary>
internal static class TlsCommands
{
    public const string Usage =
        """
        usage: kb-collector tls init --out DIR --ip ADDRESS [--ip ADDRESS…] [--dns NAME…] [--days N]
          Creates DIR/ca.crt + ca.key (the cluster CA; reused if present) and DIR/collector.crt +
          collector.key for the collector, valid for the given IP addresses and DNS names.
          Copy ca.crt to every agent (Agent:CollectorCaFile) and operator (kbctl --ca); keep ca.key offline.
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != "init")
        {
            error.Write(Usage);
            return 64;
        }

        string? dir = null;
        var ips = new List<IPAddress>();
        var names = new List<string>();
        var days = 825;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--out" when value is not null:
                    dir = value;
                    break;
                case "--ip" when value is not null && IPAddress.TryParse(value, out var ip):
                    ips.Add(ip);
                    break;
                case "--dns" when value is not null && Uri.CheckHostName(value) == UriHostNameType.Dns:
                    names.Add(value);
                    break;
                case "--days" when value is not null && int.TryParse(value, out var d) && d is >= 1 and <= 3650:
                    days = d;
                    break;
                default:
                    error.WriteLine($"kb-collector tls: bad or incomplete argument '{args[i]}'");
                    error.Write(Usage);
                    return 64;
            }

            i++;
        }

        if (dir is null || ips.Count + names.Count == 0)
        {
            error.WriteLine("kb-collector tls: --out DIR and at least one --ip or --dns are required");
            error.Write(Usage);
            return 64;
        }

        Directory.CreateDirectory(dir);
        var (ca, created) = LoadOrCreateCa(dir);
        using (ca)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=keybuzz-collector", key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            ips.ForEach(san.AddIpAddress);
            names.ForEach(san.AddDnsName);
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
            var now = DateTimeOffset.UtcNow;
            using var cert = request.Create(ca, now.AddMinutes(-5), now.AddDays(days), RandomNumberGenerator.GetBytes(16));
            WriteFile(Path.Combine(dir, "collector.crt"), cert.ExportCertificatePem() + "\n", secret: false);
            WriteFile(Path.Combine(dir, "collector.key"), key.ExportPkcs8PrivateKeyPem() + "\n", secret: true);
        }

        output.WriteLine($"{(created ? "created" : "reused")} CA {Path.Combine(dir, "ca.crt")}; collector certificate {Path.Combine(dir, "collector.crt")} for {string.Join(", ", ips.Select(i => i.ToString()).Concat(names))}, valid {days} days");
        return 0;
    }

    private static (X509Certificate2 Ca, bool Created) LoadOrCreateCa(string dir)
    {
        var crt = Path.Combine(dir, "ca.crt");
        var keyFile = Path.Combine(dir, "ca.key");
        if (File.Exists(crt) && File.Exists(keyFile))
        {
            return (X509Certificate2.CreateFromPemFile(crt, keyFile), false);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=KeyBuzz cluster CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var ca = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        WriteFile(crt, ca.ExportCertificatePem() + "\n", secret: false);
        WriteFile(keyFile, key.ExportPkcs8PrivateKeyPem() + "\n", secret: true);
        return (ca, true);
    }

    private static void WriteFile(string path, string content, bool secret)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = secret ? UnixFileMode.UserRead | UnixFileMode.UserWrite : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead };
        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(content);
    }
}
