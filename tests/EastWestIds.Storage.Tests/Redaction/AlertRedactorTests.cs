using EastWestIds.Storage.Model;
using EastWestIds.Storage.Redaction;
using EastWestIds.Storage.Tests.Fixtures;

namespace EastWestIds.Storage.Tests.Redaction;

public sealed class AlertRedactorTests
{
    private static readonly AlertRedactor On = new(new RedactionOptions());

    // header: {"alg":"none","typ":"JWT"} payload: {"sub":"alice","admin":true}
    private const string JwtHeader = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0";
    private const string JwtPayload = "eyJzdWIiOiJhbGljZSIsImFkbWluIjp0cnVlfQ";
    private const string Jwt = JwtHeader + "." + JwtPayload + ".c2lnbmF0dXJl";

    private static string Header(AlertRecord alert, string name) => alert.Request.Headers.Single(h => h.Name == name).Value;

    private static AlertRecord WithHeaders(params HeaderField[] headers) => TestAlerts.Make(headers: headers);

    [Theory]
    [InlineData("Authorization", "Bearer abc.def", "Bearer [redacted]")]
    [InlineData("Authorization", "Basic dXNlcjpwYXNz", "Basic [redacted]")]
    [InlineData("authorization", "opaque-token-without-scheme", "[redacted]")]
    [InlineData("Proxy-Authorization", "Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnagMDAu", "Negotiate [redacted]")]
    [InlineData("Cookie", "session=abc123; theme=dark", "session=[redacted]; theme=[redacted]")]
    [InlineData("Cookie", "justavalue", "[redacted]")]
    [InlineData("Set-Cookie", "id=a3fWa; Expires=Thu, 31 Oct 2021 07:28:00 GMT; Secure; HttpOnly", "id=[redacted]; Expires=Thu, 31 Oct 2021 07:28:00 GMT; Secure; HttpOnly")]
    [InlineData("X-Api-Key", "k-123", "[redacted]")]
    [InlineData("x-my-service-apikey", "k-123", "[redacted]")]
    [InlineData("X-Session-Token", "t-1", "[redacted]")]
    [InlineData("x-client-secret", "s-1", "[redacted]")]
    [InlineData("X-Amz-Security-Token", "FwoGZXIvYXdzE", "[redacted]")]
    public void Redact_CredentialHeader_ValueCutNameAndSchemeKept(string name, string value, string expected)
    {
        var alert = On.Redact(WithHeaders(new HeaderField(name, value), new HeaderField("user-agent", "curl/8")));

        Assert.Equal(expected, Header(alert, name));
        Assert.Equal("curl/8", Header(alert, "user-agent"));
        Assert.True(alert.Redacted);
    }

    [Theory]
    [InlineData(":authority")]
    [InlineData("x-forwarded-client-cert")]
    [InlineData("x-request-id")]
    [InlineData("content-type")]
    public void Redact_OrdinaryHeader_Untouched(string name)
    {
        var original = WithHeaders(new HeaderField(name, "By=spiffe://cluster.local/ns/a/sa/b;Hash=abc"));

        var alert = On.Redact(original);

        Assert.Same(original, alert);
        Assert.False(alert.Redacted);
    }

    [Fact]
    public void Redact_BearerJwt_KeepsJwtHeaderCutsPayloadAndSignature()
    {
        var alert = On.Redact(WithHeaders(new HeaderField("Authorization", "Bearer " + Jwt)));

        Assert.Equal($"Bearer {JwtHeader}.{RedactionMarkers.JwtPayload}.{RedactionMarkers.JwtSignature}", Header(alert, "Authorization"));
    }

    [Fact]
    public void Redact_UnsignedJwt_EmptySignatureStaysVisible()
    {
        var alert = On.Redact(WithHeaders(new HeaderField("Authorization", $"Bearer {JwtHeader}.{JwtPayload}.")));

        Assert.Equal($"Bearer {JwtHeader}.{RedactionMarkers.JwtPayload}.", Header(alert, "Authorization"));
    }

    [Theory]
    [InlineData("/cb?access_token=abc&state=1", "/cb?access_token=[redacted]&state=1")]
    [InlineData("/cb?state=1&id_token=abc", "/cb?state=1&id_token=[redacted]")]
    [InlineData("/x?API_KEY=abc#frag", "/x?API_KEY=[redacted]#frag")]
    [InlineData("/x?apikey=abc;sig=def", "/x?apikey=[redacted];sig=[redacted]")]
    [InlineData("/s3/obj?X-Amz-Signature=ab12&X-Amz-Credential=AKIA%2F", "/s3/obj?X-Amz-Signature=[redacted]&X-Amz-Credential=[redacted]")]
    [InlineData("/login?password=hunter2&user=bob", "/login?password=[redacted]&user=bob")]
    [InlineData("/x?mytoken=abc&monkey=1", "/x?mytoken=abc&monkey=1")]
    [InlineData("/x?token=", "/x?token=")]
    public void Redact_Path_SecretQueryParametersCut(string path, string expected)
    {
        var alert = On.Redact(TestAlerts.Make(path: path));

        Assert.Equal(expected, alert.Request.Path);
        Assert.Equal($"GET {expected} HTTP/1.1", alert.Request.RequestLine);
        Assert.Equal(path != expected, alert.Redacted);
    }

    [Fact]
    public void Redact_Referer_QueryTokensCutLikeAnyHeaderValue()
    {
        var alert = On.Redact(WithHeaders(new HeaderField("Referer", "https://app/cb?code=xyz&state=1")));

        Assert.Equal("https://app/cb?code=[redacted]&state=1", Header(alert, "Referer"));
    }

    [Theory]
    [InlineData("user=bob&password=hunter2", "user=bob&password=[redacted]")]
    [InlineData("{\"user\":\"bob\",\"password\":\"hun\\\"ter2\"}", "{\"user\":\"bob\",\"password\":\"[redacted]\"}")]
    [InlineData("{\"refresh_token\": \"r-1\", \"n\": 1}", "{\"refresh_token\": \"[redacted]\", \"n\": 1}")]
    [InlineData("{\"clientSecret\":\"s\"}", "{\"clientSecret\":\"[redacted]\"}")]
    [InlineData("q=" + Jwt, "q=" + JwtHeader + "." + RedactionMarkers.JwtPayload + "." + RedactionMarkers.JwtSignature)]
    [InlineData("<script>alert(1)</script>", "<script>alert(1)</script>")]
    public void Redact_Body_FormJsonAndJwtSecretsCut(string body, string expected)
    {
        var alert = On.Redact(TestAlerts.Make(body: body));

        Assert.Equal(expected, alert.Request.BodyExcerpt);
    }

    [Fact]
    public void Redact_EvidenceInCookie_MatchedSpanKeptAndMoved()
    {
        const string cookie = "theme=dark; session=abc' UNION SELECT password FROM users--; lang=en";
        const string attack = "' UNION SELECT password FROM users--";
        var evidence = new AlertEvidence("http.cookie", cookie, cookie.IndexOf('\'', StringComparison.Ordinal), attack.Length);

        var alert = On.Redact(TestAlerts.Make(evidence: evidence));

        Assert.Equal("theme=[redacted]; session=[redacted]' UNION SELECT password FROM users--; lang=[redacted]", alert.Evidence!.Excerpt);
        Assert.Equal(attack, alert.Evidence.Excerpt.Substring(alert.Evidence.Offset, alert.Evidence.Length));
    }

    [Fact]
    public void Redact_EvidenceInOneCookiePair_ValueCutAroundTheMatchedSpan()
    {
        const string pair = "session=abc' UNION SELECT password FROM users--";
        const string attack = "' UNION SELECT password FROM users--";
        var evidence = new AlertEvidence("http.cookie_pair", pair, pair.IndexOf('\'', StringComparison.Ordinal), attack.Length);

        var alert = On.Redact(TestAlerts.Make(evidence: evidence));

        Assert.Equal("session=[redacted]' UNION SELECT password FROM users--", alert.Evidence!.Excerpt);
        Assert.Equal(attack, alert.Evidence.Excerpt.Substring(alert.Evidence.Offset, alert.Evidence.Length));
    }

    [Theory]
    [InlineData("http.cookie_value", "abc=' OR 1=1--", "[redacted]' OR 1=1--")] // a value is all credential, '=' included
    [InlineData("http.cookie_name", "abc' OR 1=1--", "abc' OR 1=1--")] // names are no secret
    public void Redact_EvidenceInOneCookieValueOrName(string buffer, string excerpt, string expected)
    {
        var evidence = new AlertEvidence(buffer, excerpt, excerpt.IndexOf('\'', StringComparison.Ordinal), "' OR 1=1--".Length);

        var alert = On.Redact(TestAlerts.Make(evidence: evidence));

        Assert.Equal(expected, alert.Evidence!.Excerpt);
        Assert.Equal("' OR 1=1--", alert.Evidence.Excerpt.Substring(alert.Evidence.Offset, alert.Evidence.Length));
    }

    [Fact]
    public void Redact_EvidenceHeaderBlock_CredentialLinesCutOthersKept()
    {
        const string block = "Host: reviews\r\nAuthorization: Bearer tok\r\nUser-Agent: sqlmap/1.7\r\n";
        var evidence = new AlertEvidence("http.header", block, block.IndexOf("sqlmap", StringComparison.Ordinal), 6);

        var alert = On.Redact(TestAlerts.Make(evidence: evidence));

        Assert.Equal("Host: reviews\r\nAuthorization: Bearer [redacted]\r\nUser-Agent: sqlmap/1.7\r\n", alert.Evidence!.Excerpt);
        Assert.Equal("sqlmap", alert.Evidence.Excerpt.Substring(alert.Evidence.Offset, alert.Evidence.Length));
    }

    [Fact]
    public void Redact_EvidenceInOneHeaderValue_SecretsByTheirShape_PayloadKept()
    {
        // http.header_value holds a bare value: no header line to key on, so a token is found by its shape (the header
        // block's redaction falls back to that).
        var excerpt = Jwt + "' OR 1=1--";
        var evidence = new AlertEvidence("http.header_value", excerpt, excerpt.IndexOf('\'', StringComparison.Ordinal), "' OR 1=1--".Length);

        var alert = On.Redact(TestAlerts.Make(evidence: evidence));

        Assert.DoesNotContain(Jwt, alert.Evidence!.Excerpt, StringComparison.Ordinal);
        Assert.Equal("' OR 1=1--", alert.Evidence.Excerpt.Substring(alert.Evidence.Offset, alert.Evidence.Length));
    }

    [Fact]
    public void Redact_EvidenceMatchOnJwt_JwtStillCutSpanCoversTheMarkers()
    {
        var excerpt = "x=1&t=" + Jwt + "&y=2";
        var evidence = new AlertEvidence("http.uri", excerpt, excerpt.IndexOf("eyJ", StringComparison.Ordinal), Jwt.Length);

        var alert = On.Redact(TestAlerts.Make(evidence: evidence));

        var expectedToken = $"{JwtHeader}.{RedactionMarkers.JwtPayload}.{RedactionMarkers.JwtSignature}";
        Assert.Equal($"x=1&t={expectedToken}&y=2", alert.Evidence!.Excerpt);
        Assert.Equal(expectedToken, alert.Evidence.Excerpt.Substring(alert.Evidence.Offset, alert.Evidence.Length));
    }

    [Fact]
    public void Redact_EvidenceAfterASecret_OffsetShiftedWithTheText()
    {
        const string excerpt = "/p?token=abcdefghijklmnop&q=<script>";
        var evidence = new AlertEvidence("http.uri", excerpt, excerpt.IndexOf('<', StringComparison.Ordinal), "<script>".Length);

        var alert = On.Redact(TestAlerts.Make(evidence: evidence));

        Assert.Equal("/p?token=[redacted]&q=<script>", alert.Evidence!.Excerpt);
        Assert.Equal("<script>", alert.Evidence.Excerpt.Substring(alert.Evidence.Offset, alert.Evidence.Length));
    }

    [Fact]
    public void Redact_EvidenceWithInvalidSpan_ExcerptRedactedSpanLeftAlone()
    {
        var evidence = new AlertEvidence("http.uri", "/p?token=abc", 50, 3);

        var alert = On.Redact(TestAlerts.Make(evidence: evidence));

        Assert.Equal(("/p?token=[redacted]", 50, 3), (alert.Evidence!.Excerpt, alert.Evidence.Offset, alert.Evidence.Length));
    }

    [Fact]
    public void Redact_EveLine_UrlTokensAndHeaderPairsCutRuleMessageKept()
    {
        const string eve = """{"event_type":"alert","alert":{"signature":"token=leak in url"},"http":{"url":"/a?access_token=abc","request_headers":[{"name":"Authorization","value":"Bearer xyz"},{"name":"Accept","value":"*/*"}]}}""";

        var alert = On.Redact(TestAlerts.Make(eve: eve));

        Assert.Equal("""{"event_type":"alert","alert":{"signature":"token=[redacted] in url"},"http":{"url":"/a?access_token=[redacted]","request_headers":[{"name":"Authorization","value":"Bearer [redacted]"},{"name":"Accept","value":"*/*"}]}}""", alert.EveJson);
        System.Text.Json.JsonDocument.Parse(alert.EveJson!).Dispose();
    }

    [Fact]
    public void Redact_Disabled_ReturnsTheSameAlert()
    {
        var original = WithHeaders(new HeaderField("Authorization", "Bearer abc"));

        var alert = new AlertRedactor(new RedactionOptions { Enabled = false }).Redact(original);

        Assert.Same(original, alert);
    }

    [Fact]
    public void Redact_NothingSecret_SameInstanceNotMarked()
    {
        var original = TestAlerts.Make(body: "q=1' OR '1'='1", evidence: new AlertEvidence("http.request_body", "q=1' OR '1'='1", 3, 11));

        var alert = On.Redact(original);

        Assert.Same(original, alert);
    }

    [Fact]
    public void Redact_LongHostileText_Terminates()
    {
        // Long runs of the characters the patterns look for, without the endings they need.
        var body = new string('a', 20_000) + "\"" + new string('t', 20_000) + "token" + new string('x', 20_000) + string.Concat(Enumerable.Repeat("eyJa..", 5_000));

        var alert = On.Redact(TestAlerts.Make(body: body));

        Assert.Equal(body, alert.Request.BodyExcerpt);
    }
}
