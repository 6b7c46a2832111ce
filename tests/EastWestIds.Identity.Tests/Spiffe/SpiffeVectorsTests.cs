using System.Text;
using System.Text.Json;
using EastWestIds.Identity.Spiffe;
using EastWestIds.TestCommon;

namespace EastWestIds.Identity.Tests.Spiffe;

/// <summary>Runs vectors/spiffe.json against <see cref="SpiffeIdParser"/> and <see cref="SpiffeId"/>; one row per vector id.</summary>
public class SpiffeVectorsTests
{
    private const string File = "spiffe.json";

    public static TheoryData<string> VectorIds()
    {
        var data = new TheoryData<string>();
        foreach (var vector in VectorFiles.Vectors(File))
        {
            data.Add(vector.GetProperty("id").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VectorIds))]
    public void TryParse_Vector_MatchesExpected(string id)
    {
        var vector = VectorFiles.Get(File, id);
        var input = Encoding.UTF8.GetBytes(vector.GetProperty("input").GetString()!);
        var expected = vector.GetProperty("expected");

        bool ok = SpiffeIdParser.TryParse(input, out var parts, out var error, out int offset);

        if (!vector.GetProperty("valid").GetBoolean())
        {
            Assert.False(ok, $"{id}: expected rejection ({expected.GetProperty("errorKind").GetString()})");
            Assert.Equal(default, parts);
            AssertErrorKind(expected.GetProperty("errorKind").GetString()!, input, error, offset);
            return;
        }

        Assert.True(ok, $"{id}: expected valid, got {error} at {offset}");
        Assert.Equal(SpiffeIdError.None, error);
        Assert.Equal(-1, offset);
        Assert.Equal(expected.GetProperty("trustDomain").GetString(), Ascii(input, parts.TrustDomain));
        Assert.Equal(expected.GetProperty("path").GetString(), Ascii(input, parts.Path));
        Assert.Equal(expected.GetProperty("leafWorkloadId").GetBoolean(), parts.IsLeafWorkloadId);

        var istio = expected.GetProperty("istio");
        Assert.Equal(istio.ValueKind != JsonValueKind.Null, parts.IsIstio);
        if (parts.IsIstio)
        {
            Assert.Equal(istio.GetProperty("namespace").GetString(), Ascii(input, parts.Namespace));
            Assert.Equal(istio.GetProperty("serviceAccount").GetString(), Ascii(input, parts.ServiceAccount));
        }

        // policy "anomaly": valid for go-spiffe, but over a spec length limit: the IDS parses it and flags it.
        bool anomaly = vector.TryGetProperty("policy", out var policy) && policy.GetString() == "anomaly";
        Assert.Equal(anomaly, parts.LengthAnomaly != SpiffeIdError.None);

        var spiffeId = SpiffeId.FromParts(input, parts);
        Assert.Equal(expected.GetProperty("authzPrincipalForm").GetString(), spiffeId.AuthzPrincipalForm);
        Assert.Equal(vector.GetProperty("input").GetString(), spiffeId.ToString());
    }

    // go-spiffe has one error per part for bad characters; ours are finer, so they map back by where they were found.
    private static void AssertErrorKind(string kind, byte[] input, SpiffeIdError error, int offset)
    {
        switch (kind)
        {
            case "empty": Assert.Equal(SpiffeIdError.Empty, error); break;
            case "scheme": Assert.Equal(SpiffeIdError.WrongScheme, error); break;
            case "td_missing": Assert.Equal(SpiffeIdError.MissingTrustDomain, error); break;
            case "trailing": Assert.Equal(SpiffeIdError.TrailingSlash, error); break;
            case "empty_seg": Assert.Equal(SpiffeIdError.EmptySegment, error); break;
            case "dot_seg": Assert.Equal(SpiffeIdError.DotSegment, error); break;
            case "td_char":
                Assert.Contains(error, new[]
                {
                    SpiffeIdError.BadTrustDomainChar, SpiffeIdError.HasPort, SpiffeIdError.HasUserInfo,
                    SpiffeIdError.HasQueryOrFragment, SpiffeIdError.PercentEncoded,
                });
                Assert.True(InTrustDomain(input, offset), $"{error} at {offset} is not in the trust domain");
                break;
            case "path_char":
                Assert.Contains(error, new[] { SpiffeIdError.BadPathChar, SpiffeIdError.HasQueryOrFragment, SpiffeIdError.PercentEncoded });
                Assert.False(InTrustDomain(input, offset), $"{error} at {offset} is not in the path");
                break;
            default:
                Assert.NotEqual(SpiffeIdError.None, error); // a kind from a newer vector file: rejection is the contract
                break;
        }
    }

    private static bool InTrustDomain(byte[] input, int offset) =>
        offset >= "spiffe://".Length && !input.AsSpan("spiffe://".Length, offset - "spiffe://".Length).Contains((byte)'/');

    private static string Ascii(byte[] input, Range range) => Encoding.ASCII.GetString(input.AsSpan()[range]);
}
