namespace EastWestIds.Fuzz.Tests;

/// <summary>
/// A fixed share of fuzzing on every test run: mutants of the corpus (<see cref="Mutator"/>, seeded, so every run
/// sends the same inputs) through every target. A failure names the mutant in base64; save it as a file and replay
/// it with <c>ewids-fuzz TARGET FILE</c>.
/// </summary>
public sealed class FuzzMutationTests(FuzzTargetFixture fixture) : IClassFixture<FuzzTargetFixture>
{
    [Theory]
    [InlineData("wire", 3000, 8192)]
    [InlineData("body", 3000, 8192)]
    [InlineData("encodings", 600, 8192)]
    [InlineData("arguments", 2000, 2048)]
    [InlineData("paths", 2000, 1024)]
    [InlineData("xfcc", 20000, 2048)]
    [InlineData("rules", 400, 2048)]
    [InlineData("recordings", 2000, 8192)]
    [InlineData("manifests", 1000, 8192)]
    public void MutantsOfTheCorpusKeepTheTargetsProperties(string name, int mutants, int maxLength)
    {
        var target = fixture.Target(name);
        var corpus = FuzzTargetFixture.Corpus(name).Select(c => c.Bytes).ToList();
        var tokens = FuzzDictionary.Load(Path.Combine(FuzzTargetFixture.Repo, "fuzz", "dictionaries", $"{FuzzTargets.CorpusOf(name)}.dict"));
        var mutator = new Mutator(new Random(28), corpus, tokens);
        var failures = new List<string>();
        for (int i = 0; i < mutants && failures.Count < 5; i++)
        {
            byte[] input = mutator.Next(maxLength);
            try
            {
                target.Run(input);
            }
            catch (Exception e)
            {
                failures.Add($"mutant {i}: {e.GetType().Name}: {e.Message}\n{e.StackTrace?.Split('\n').FirstOrDefault()}\ninput (base64): {Convert.ToBase64String(input)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public void TheMutatorInsertsTheDictionarysTokens()
    {
        var tokens = FuzzDictionary.Load(Path.Combine(FuzzTargetFixture.Repo, "fuzz", "dictionaries", "wire.dict"));
        Assert.Contains(tokens, t => t.AsSpan().SequenceEqual("\r\n\r\n"u8));
        Assert.Contains(tokens, t => t.AsSpan().SequenceEqual("\\u00"u8));
        var mutator = new Mutator(new Random(1), [[.. "GET / HTTP/1.1\r\n\r\n"u8]], [[.. "MARKER"u8]]);
        Assert.Contains(Enumerable.Range(0, 200).Select(_ => mutator.Next(256)), m => m.AsSpan().IndexOf("MARKER"u8) >= 0);
    }
}
