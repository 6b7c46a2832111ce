using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EastWestIds.Host.FunctionalTests.Proxy;

/// <summary>A throwaway mesh CA with server and workload certificates, made in memory per test run.</summary>
internal sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=ewids test mesh CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        Server = Issue("CN=ewids-proxy", ["spiffe://cluster.local/ns/ewids-system/sa/ewids"], server: true);
    }

    public X509Certificate2 Ca { get; }

    /// <summary>The proxy's certificate: DNS SAN localhost, IP SAN 127.0.0.1, its own SPIFFE ID.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>A workload certificate issued by <see cref="Ca"/> carrying <paramref name="uris"/> as URI SANs.</summary>
    public X509Certificate2 Issue(string subject, IReadOnlyList<string> uris, bool server = false, X509Certificate2? issuer = null)
    {
        issuer ??= Ca;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var uri in uris)
        {
            san.AddUri(new Uri(uri));
        }

        if (server)
        {
            san.AddDnsName("localhost");
            san.AddIpAddress(System.Net.IPAddress.Loopback);
        }

        if (uris.Count > 0 || server)
        {
            request.CertificateExtensions.Add(san.Build());
        }
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false)); // server and client auth, as Istio issues them
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(issuer, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>A CA nobody configured, for certificates the proxy must refuse.</summary>
    public static X509Certificate2 OtherCa()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=someone else's CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
    }
}
