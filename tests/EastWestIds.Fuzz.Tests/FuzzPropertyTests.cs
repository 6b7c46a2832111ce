using System.Text;
using EastWestIds.Engine.Signatures;
using EastWestIds.Signatures.Compilation;

namespace EastWestIds.Fuzz.Tests;

/// <summary>The checks the targets make can fail, and compare what they should: a fuzzer is only as good as its properties.</summary>
public sealed class FuzzPropertyTests(FuzzTargetFixture fixture) : IClassFixture<FuzzTargetFixture>
{
    [Theory]
    [InlineData("{\"a\":1}")] // no line end
    [InlineData("{\"a\":\n1}\n")] // a line end inside
    [InlineData("{\"a\":1\n")] // not closed
    [InlineData("{\"a\":1}{}\n")] // two values
    [InlineData("[1]\n")] // not an object
    public void TheEveCheckRefusesALineThatIsNotOneJsonObject(string line)
    {
        Assert.Throws<FuzzInvariantException>(() => new CheckedAlertWriter().Write(Encoding.UTF8.GetBytes(line)));
    }

    [Fact]
    public void TheEveCheckRefusesInvalidUtf8AndTakesAnAlert()
    {
        var writer = new CheckedAlertWriter();
        Assert.Throws<FuzzInvariantException>(() => writer.Write([.. "{\"a\":\""u8, 0xff, .. "\"}\n"u8]));
        writer.Write("{\"event_type\":\"alert\",\"alert\":{\"signature_id\":9408012}}\n"u8);
        Assert.Equal(2, writer.Lines);
    }

    [Fact]
    public void TheHarnessFramesEveryPipelinedRequestTheSameWhateverTheReads()
    {
        var harness = fixture.Harness;
        int linesBefore = harness.Output.Lines;
        byte[] wire = Encoding.ASCII.GetBytes(
            "GET /a?id=1%27%20or%201=1-- HTTP/1.1\r\nHost: reviews-shadow:9080\r\n\r\n" +
            "POST /b HTTP/1.1\r\nHost: reviews\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n" +
            "GET /c HTTP/1.1\r\nHost: reviews\r\nContent-Length: 10\r\n\r\nabc");
        var whole = harness.Inspect(wire).ToList();
        Assert.Equal(3, whole.Count);
        Assert.StartsWith("complete", whole[0], StringComparison.Ordinal);
        Assert.Contains("| 9200001", whole[0], StringComparison.Ordinal); // no XFCC: the identity stage ran
        Assert.Contains("| 9408", whole[0], StringComparison.Ordinal); // the SQL injection rules ran
        Assert.StartsWith("truncated", whole[2], StringComparison.Ordinal);
        foreach (var (read, segment) in new[] { (1, 1), (2, 1), (7, 3), (64, 5) })
        {
            Assert.Equal(whole, harness.Inspect(wire, read, segment));
        }

        Assert.True(harness.Output.Lines - linesBefore > 3, "the alerts and http records went through the EVE check");
    }

    [Fact]
    public void TheRulesTargetComparesRealMatchesWithEvidence()
    {
        var target = (RulesTarget)fixture.Target("rules");
        string rule = "alert http any any -> any any (msg:\"union\"; http.uri; content:\"UNION\"; nocase; sid:1; rev:1;)";
        var fast = SignatureSetLoader.LoadTexts([("t.rules", rule)], FuzzOptions.Compiler).Set!;
        var reference = RulesTarget.ExhaustiveReference(fast);
        string matches = target.Matches(new SignatureWorker(), fast, 0);
        Assert.StartsWith("1 ", matches, StringComparison.Ordinal);
        Assert.Contains("UNION", matches, StringComparison.Ordinal);
        Assert.Equal(matches, target.Matches(new SignatureWorker(), reference, 0));
        Assert.Equal("", target.Matches(new SignatureWorker(), fast, 2)); // the upload has no UNION

        target.Run(Encoding.UTF8.GetBytes(rule));
        target.Run(Encoding.UTF8.GetBytes("alert http any any -> any any (msg:\"x\"; frobnicate; sid:2;)\nnot a rule\n"));
    }

    [Fact]
    public void TheManifestsTargetJudgesTheCallsWithThePoliciesItRead()
    {
        var target = (ManifestsTarget)fixture.Target("manifests");
        string scenarios = Path.Combine(FuzzTargetFixture.Repo, "tests", "EastWestIds.Policy.Tests", "Scenarios");
        target.Run(Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(scenarios, "bookinfo-workloads.yaml")) + "\n---\n" +
            File.ReadAllText(Path.Combine(scenarios, "bookinfo.yaml"))));
        var withBookinfo = target.LastOutcomes.ToList();
        var read = target.LastRead!;
        Assert.True(read.Errors.IsEmpty && read.ObjectsRead > 20, $"{read.ObjectsRead} objects, errors: {string.Join("; ", read.Errors)}");
        target.Run([]);
        var without = target.LastOutcomes.ToList();
        Assert.Equal(4, withBookinfo.Count);
        Assert.True(!withBookinfo.SequenceEqual(without), $"the policies read changed no verdict:\n{string.Join('\n', withBookinfo)}");
    }

    [Theory]
    [InlineData(0)] // Content-Length
    [InlineData(1)] // chunked
    [InlineData(2)] // gzip
    [InlineData(8)] // after 80 KiB of padding: the tail ring holds it
    [InlineData(10)] // padded and gzip'd
    public void TheBodyTargetsSendingModesDeliverTheBodyToTheRules(byte sending)
    {
        byte[] wire = BodyTarget.Wire(0, sending, "{\"q\": \"1' UNION SELECT password FROM users--\"}"u8);

        var outcome = Assert.Single(fixture.Harness.Inspect(wire));

        Assert.Contains("| 9408", outcome, StringComparison.Ordinal);
    }

    [Fact]
    public void TheEncodingsTargetComparesTheBodysRuleFindingsInEveryForm()
    {
        byte[] body = [.. "{\"q\": \"1' UNION SELECT password FROM users--\", \"n\": \"%zz\"}"u8];
        var forms = EncodingsTarget.Forms("application/json", 7, body).ToList();
        Assert.Equal(11, forms.Count);
        foreach (var (name, wire) in forms)
        {
            fixture.Harness.Inspect(wire);
            var findings = Assert.Single(fixture.Harness.Findings);
            string compared = EncodingsTarget.BodyFindings(findings);

            // The argument's SQL injection, with its evidence, is compared; the identity stage's findings and the
            // request line's are not (a header or the URI is the same in every form and not what this is about).
            Assert.Contains("9408", compared, StringComparison.Ordinal);
            Assert.Contains("http.arg[", compared, StringComparison.Ordinal);
            Assert.DoesNotContain(findings.SelectMany(f => (f.Related ?? []).Prepend(f)), f => f.Signature.Sid == 9100046);
            Assert.False(compared.Split('\n').Any(line => line.Contains("http.header", StringComparison.Ordinal) || line.Contains("http.uri", StringComparison.Ordinal)), $"{name}: {compared}");
        }

        fixture.Target("encodings").Run([0, 5, .. body]);
    }

    [Fact]
    public void TheArgumentsTargetComparesTheArgumentsRuleFindingsInEveryCarrier()
    {
        var target = new ArgumentsTarget(fixture.Harness);
        byte[] name = [.. "user_id"u8];
        byte[] value = [.. "1' UNION SELECT password FROM users--"u8];
        int carried = 0;
        foreach (var carrier in ArgumentCarriers.All)
        {
            var (foundInValue, foundInName) = target.Findings(carrier, name, value)
                ?? throw new Xunit.Sdk.XunitException($"{carrier.Name} did not carry a UTF-8 name and value");
            carried++;

            // The value's SQL injection with its evidence is compared, in the value's buffer (a field in a transfer
            // encoding has it in the decoded reading, the second value); the name is clean.
            Assert.Contains("9408", foundInValue, StringComparison.Ordinal);
            Assert.Contains(carrier.AddsValues ? "9408012 http.arg[1]@0: 1' UNION SELECT" : "http.arg[0]@", foundInValue, StringComparison.Ordinal);
            Assert.DoesNotContain("http.arg_name", foundInValue, StringComparison.Ordinal);
            Assert.True(foundInName is null or "", $"{carrier.Name}: {foundInName}");
        }

        Assert.Equal(ArgumentCarriers.All.Length, carried);
        target.Run([(byte)name.Length, .. name, .. value]);

        // A name with a payload is compared in the carriers that have a place for it.
        var (_, inName) = target.Findings(ArgumentCarriers.All[0], value, "1"u8.ToArray())!.Value;
        Assert.Contains("http.arg_name[0]@", inName, StringComparison.Ordinal);

        // A value that is not UTF-8 goes only where bytes can: the query, the forms and multipart.
        Assert.Equal(["query", "query, encoded twice", "form", "form with + for space", "multipart", "multipart field in base64", "multipart field in quoted-printable"],
            ArgumentCarriers.All.Where(c => c.Wire(name, [0xff, .. value]) is not null).Select(c => c.Name));
    }

    [Fact]
    public void ThePathsTargetComparesTheUriRuleFindingsInEveryForm()
    {
        var target = new PathsTarget(fixture.Harness);
        byte[] path = [.. "/static/../actuator/env"u8];
        foreach (var form in PathForms.All)
        {
            // The actuator rule's finding with its evidence, in http.uri only (not http.uri.raw, whose bytes differ by form).
            var found = target.Findings(form, path);
            Assert.Contains("9401040 http.uri: actuator", found);
            Assert.DoesNotContain(found, f => f.Contains("http.uri.raw", StringComparison.Ordinal));
        }

        target.Run(path);

        // The forms write what a server reads as the path: every byte escaped, dot segments, parameters.
        Assert.Equal("/%73%74%61%74%69%63/%2E%2E", PathForms.All.Single(f => f.Name == "every byte escaped").Target([.. "/static/.."u8]));
        Assert.Equal("/a;p=1/%3B%25%3F;p=1", PathForms.All.Single(f => f.AddsParameters).Target([.. "/a/;%?"u8]));

        // A form found different fails the target; one that adds parameters may find more, never less.
        var dropsTheFirstSegment = new PathForms.Form("without its first segment", true, false, p => PathForms.All[0].Target(p[p.AsSpan(1).IndexOf((byte)'/')..]));
        new PathsTarget(fixture.Harness, [PathForms.All[0], dropsTheFirstSegment]).Run(path);
        Assert.Throws<FuzzInvariantException>(() => new PathsTarget(fixture.Harness, [PathForms.All[0], dropsTheFirstSegment]).Run([.. "/actuator/env"u8]));
        var addsASessionId = new PathForms.Form("with a session id parameter", true, true, p => PathForms.All[0].Target(p) + ";jsessionid=0F3A");
        Assert.Contains(target.Findings(addsASessionId, path), f => f.StartsWith("9419030 http.uri: ", StringComparison.Ordinal));
        new PathsTarget(fixture.Harness, [PathForms.All[0], addsASessionId]).Run(path);
        Assert.Throws<FuzzInvariantException>(() => new PathsTarget(fixture.Harness, [addsASessionId, PathForms.All[0]]).Run(path));
    }
}
