using System.Text;
using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Keywords;
using static EastWestIds.Signatures.Tests.Buffers.BufferAssert;

namespace EastWestIds.Signatures.Tests.Buffers;

/// <summary><c>jwt.header</c> and <c>jwt.payload</c>: every token of a request, wherever it is, decoded.</summary>
public class RequestBuffersJwtTests
{
    private static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Token(string header, string claims, string signature = "c2ln") => $"{Part(header)}.{Part(claims)}.{signature}";

    [Fact]
    public void TokensInHeadersCookiesAndArguments_Decoded()
    {
        string bearer = Token("{\"alg\":\"RS256\",\"kid\":\"k1\"}", "{\"sub\":\"svc-orders\"}");
        string cookie = Token("{\"alg\":\"none\"}", "{\"role\":\"admin\"}", signature: "");
        string argument = Token("{\"alg\":\"HS256\"}", "{\"scope\":\"orders:write\"}");
        RequestBuffers b = For(FakeRequestView.Post("/token", "application/x-www-form-urlencoded", $"subject_token={argument}&grant_type=x")
            .WithHeader("Authorization", "Bearer " + bearer)
            .WithHeader("Cookie", $"theme=dark; session={cookie}; other=eyJub3QgYSB0b2tlbg"));
        Assert.Equal(["{\"alg\":\"RS256\",\"kid\":\"k1\"}", "{\"alg\":\"none\"}", "{\"alg\":\"HS256\"}"], Values(b, InspectionBuffer.JwtHeader));
        Assert.Equal(["{\"sub\":\"svc-orders\"}", "{\"role\":\"admin\"}", "{\"scope\":\"orders:write\"}"], Values(b, InspectionBuffer.JwtPayload));
    }

    [Fact]
    public void EncryptedToken_HeaderOnly()
    {
        // A JWE's five parts: header, encrypted key (empty with alg dir), IV, ciphertext, tag.
        string jwe = $"{Part("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}")}..aXY.Y2lwaGVy.dGFn";
        RequestBuffers b = For(FakeRequestView.Get("/api").WithHeader("Cookie", "__Secure-authjs.session-token=" + jwe));
        Assert.Equal(["{\"alg\":\"dir\",\"enc\":\"A256GCM\"}"], Values(b, InspectionBuffer.JwtHeader));
        Assert.Empty(Values(b, InspectionBuffer.JwtPayload));
    }

    [Theory]
    [InlineData("eyJhbGciOiJIUzI1NiJ9")] // one part
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0")] // two parts: no compact serialization
    [InlineData("Basic dXNlcjpwYXNz")]
    public void NoToken_NoValues(string authorization)
    {
        RequestBuffers b = For(FakeRequestView.Get("/api").WithHeader("Authorization", authorization));
        Assert.Empty(Values(b, InspectionBuffer.JwtHeader));
        Assert.Empty(Values(b, InspectionBuffer.JwtPayload));
    }

    [Fact]
    public void RawBytesInAKid_NoNulFinding()
    {
        // Some clients put random bytes in a JWE's kid; a token part is data, not text a service reads.
        byte[] header = [.. "{\"alg\":\"dir\",\"kid\":\""u8, 0x00, 0x9F, 0x27, .. "\"}"u8];
        string part = Convert.ToBase64String(header).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        RequestBuffers b = For(FakeRequestView.Get("/api").WithHeader("Cookie", $"session={part}..aXY.Y2lwaGVy.dGFn"));
        Assert.Single(Values(b, InspectionBuffer.JwtHeader));
        Assert.False(b.Anomalies.HasFlag(EastWestIds.Signatures.Decoding.DecodingAnomalies.NullByte));
    }
}
