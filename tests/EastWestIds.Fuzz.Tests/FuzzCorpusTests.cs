namespace EastWestIds.Fuzz.Tests;

/// <summary>
/// The committed corpus through every target: each seed, and each input AFL++ once found a bug with (named
/// <c>found-*</c>, kept after the fix), must keep every property its target checks.
/// </summary>
public sealed class FuzzCorpusTests(FuzzTargetFixture fixture) : IClassFixture<FuzzTargetFixture>
{
    [Theory]
    [MemberData(nameof(FuzzTargetFixture.Targets), MemberType = typeof(FuzzTargetFixture))]
    public void EveryCorpusInputKeepsTheTargetsProperties(string name)
    {
        var target = fixture.Target(name);
        var corpus = FuzzTargetFixture.Corpus(name);
        Assert.NotEmpty(corpus);
        var failures = new List<string>();
        foreach (var (file, bytes) in corpus)
        {
            try
            {
                target.Run(bytes);
            }
            catch (Exception e)
            {
                failures.Add($"{Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {corpus.Count} inputs failed:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public void TheRequestCorpusHoldsTheInputsThatFoundBugs()
    {
        // The parser's reasons once depended on how the bytes arrived (session 28); these inputs must stay.
        var names = FuzzTargetFixture.Corpus("wire").Select(c => Path.GetFileName(c.File)).ToList();
        Assert.Contains("found-control-char-before-bare-lf", names);
        Assert.Contains("found-method-split-across-segments", names);

        // A UTF-16 JSON body's arguments were also read from its bytes as sent, NULs and all; an emoji's %u surrogate
        // pair was decoded as two lone surrogates (session 30).
        var arguments = FuzzTargetFixture.Corpus("arguments").Select(c => Path.GetFileName(c.File)).ToList();
        Assert.Contains("found-utf16-json-arguments-read-as-sent", arguments);
        Assert.Contains("found-percent-u-surrogate-pair", arguments);

        // A compressed gRPC message whose deflate data zlib refused with ZLibException, which escaped the inspection.
        Assert.Contains("found-grpc-deflate-zlib-exception", FuzzTargetFixture.Corpus("body").Select(c => Path.GetFileName(c.File)));

        // A path parameter on a segment ("/actuator;p=1/env") hid the path from every rule on http.uri (session 31).
        Assert.Contains("found-path-parameters-hid-the-path", FuzzTargetFixture.Corpus("paths").Select(c => Path.GetFileName(c.File)));
    }
}
