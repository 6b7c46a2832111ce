using System.Security.Cryptography.X509Certificates;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// Accepts a client certificate only when it chains to one of the <c>--client-ca</c> certificates, whatever the
/// system trust store says (a mesh CA is never in it, and a public CA must not vouch for a workload). Revocation is
/// not checked: mesh certificates live for hours and carry no revocation endpoints.
/// </summary>
internal sealed class ClientCertificateValidator(X509Certificate2Collection roots)
{
    public bool Validate(X509Certificate2 certificate, X509Chain? presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            // Intermediates the client sent along; they are only path candidates, trust still ends at our roots.
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(certificate);
    }
}
