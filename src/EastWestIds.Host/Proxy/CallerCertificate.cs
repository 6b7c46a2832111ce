using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// When the proxy terminates mTLS itself it stands where the service's sidecar would: it writes the
/// <c>x-forwarded-client-cert</c> element Envoy would write for the client certificate (<c>By</c>, <c>Hash</c>,
/// <c>Subject</c>, one <c>URI</c> per URI SAN), and the inspection pipeline reads the caller from it exactly as it
/// does behind a sidecar. So the same strict SPIFFE validation and the same findings apply (no URI SAN: 9200007,
/// several: 9200008, not a SPIFFE ID: 9200004, foreign trust domain: 9200005) with no second code path.
/// </summary>
internal static class CallerCertificate
{
    private const string SubjectAlternativeNameOid = "2.5.29.17";
    private static readonly Asn1Tag UriTag = new(TagClass.ContextSpecific, 6);

    /// <summary>The XFCC element for <paramref name="client"/>; <paramref name="by"/> is the proxy's own URI SAN, when it has one.</summary>
    public static string XfccElement(X509Certificate2 client, string? by)
    {
        var builder = new StringBuilder(256);
        if (by is not null)
        {
            builder.Append("By=").Append(Value(by)).Append(';');
        }

        builder.Append("Hash=").Append(Convert.ToHexStringLower(SHA256.HashData(client.RawData)));
        builder.Append(";Subject=").Append(Quoted(client.Subject));
        var uris = UriSans(client);
        foreach (var uri in uris)
        {
            builder.Append(";URI=").Append(Value(uri));
        }

        if (uris.Count == 0)
        {
            builder.Append(";URI="); // as Envoy writes it for a peer without a URI SAN (MESH-SEMANTICS §2.2): 9200007
        }

        return builder.ToString();
    }

    /// <summary>The URI subject alternative names of <paramref name="certificate"/>, in certificate order.</summary>
    public static List<string> UriSans(X509Certificate2 certificate)
    {
        var uris = new List<string>(1);
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != SubjectAlternativeNameOid)
            {
                continue;
            }

            try
            {
                // GeneralNames ::= SEQUENCE OF GeneralName; uniformResourceIdentifier is [6] IMPLICIT IA5String (RFC 5280 §4.2.1.6).
                var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
                var names = reader.ReadSequence();
                while (names.HasData)
                {
                    if (names.PeekTag().HasSameClassAndValue(UriTag))
                    {
                        uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, UriTag));
                    }
                    else
                    {
                        names.ReadEncodedValue();
                    }
                }
            }
            catch (AsnContentException)
            {
                // A SAN extension that does not decode names no caller: treated as "no URI SAN" (9200007).
                uris.Clear();
            }
        }

        return uris;
    }

    /// <summary>
    /// A value as XFCC writes it: bare when it holds no delimiter, else quoted with \ escapes. Envoy does not escape
    /// URI values at all (MESH-SEMANTICS §2.2), so a SAN with <c>;</c> or <c>,</c> could forge elements; quoted, it stays
    /// one value and fails SPIFFE validation (9200004) instead.
    /// </summary>
    private static string Value(string value)
        => value.AsSpan().IndexOfAny(",;=\"\\ \t") < 0 && !value.Any(char.IsControl) ? value : Quoted(value);

    private static string Quoted(string value)
        => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
