using System.Text.RegularExpressions;
using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Matching;
using EastWestIds.Signatures.Matching.Steps;

namespace EastWestIds.Signatures.Tests.Matching;

public sealed class LazyRegexTests
{
    [Fact]
    public void Compile_BuildsNoRegex_UntilARequestNeedsIt()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.uri; content:\"select\"; pcre:\"/union\\s+select/i\";"));
        var set = matcher.Set;
        LazyRegex regex = PcreOf(set);

        Assert.False(regex.IsBuilt);
        Assert.Equal(0, matcher.Inspect(FakeBuffers.Uri("/benign")));
        Assert.False(regex.IsBuilt); // the prefilter literal did not hit: the pcre never ran
        Assert.Equal(1, matcher.Inspect(FakeBuffers.Uri("/q?x=1 union select 2")));
        Assert.True(regex.IsBuilt);
        Assert.False(regex.IsBacktracking);
    }

    [Fact]
    public void Compile_IdenticalPatterns_ShareOneRegex()
    {
        SignatureCompileResult result = SignatureSetLoader.LoadTexts(
        [
            ("a.rules", "alert http any any -> any any (msg:\"a\"; http.uri; pcre:\"/ab+c/\"; sid:1;)\n" +
                        "alert http any any -> any any (msg:\"b\"; http.uri; content:\"x\"; pcre:\"/ab+c/\"; sid:2;)\n"),
        ]);

        Assert.NotNull(result.Set);
        Assert.Same(PcreOf(result.Set!, 0), PcreOf(result.Set!, 1));
    }

    [Fact]
    public void Compile_ReplacingASet_TakesOverItsPatternsForUnchangedPcreOnly()
    {
        // A reload: the unchanged rule's pattern is the old set's own object, built already; the changed rule's is new.
        const string Unchanged = "alert http any any -> any any (msg:\"a\"; http.uri; pcre:\"/ab+c/\"; sid:1;)\n";
        SignatureCompileResult old = SignatureSetLoader.LoadTexts([("a.rules", Unchanged + "alert http any any -> any any (msg:\"b\"; http.uri; content:\"x\"; pcre:\"/x+y/\"; sid:2;)\n")]);
        Assert.Equal(2, old.Set!.BuildUnbuiltPatterns());

        SignatureCompileResult reloaded = SignatureSetLoader.LoadTexts(
            [("a.rules", Unchanged + "alert http any any -> any any (msg:\"b\"; http.uri; content:\"x\"; pcre:\"/x+z/\"; sid:2;)\n")],
            new SignatureCompilerOptions { PatternsFrom = old.Set });

        Assert.Same(PcreOf(old.Set!, 0), PcreOf(reloaded.Set!, 0));
        Assert.NotSame(PcreOf(old.Set!, 1), PcreOf(reloaded.Set!, 1));
        Assert.Equal(1, reloaded.Set!.UnbuiltPatternCount);
    }

    [Fact]
    public void Compile_ReplacingASet_DoesNotKeepTheReplacedSetAlive()
    {
        // Each reload compiles from the set in force: were the new set to keep it (say, through its options), every
        // set since the start would stay in memory.
        (WeakReference replaced, CompiledSignatureSet reloaded) = ReloadOnce();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(replaced.IsAlive, "the replaced set is still reachable from the set that replaced it");
        Assert.Equal(0, reloaded.UnbuiltPatternCount);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (WeakReference Replaced, CompiledSignatureSet Reloaded) ReloadOnce()
    {
        const string Rule = "alert http any any -> any any (msg:\"a\"; http.uri; pcre:\"/ab+c/\"; sid:1;)\n";
        CompiledSignatureSet old = SignatureSetLoader.LoadTexts([("a.rules", Rule)]).Set!;
        old.BuildUnbuiltPatterns();
        CompiledSignatureSet reloaded = SignatureSetLoader.LoadTexts([("a.rules", Rule)], new SignatureCompilerOptions { PatternsFrom = old }).Set!;
        return (new WeakReference(old), reloaded);
    }

    [Fact]
    public void Compile_ReplacingASet_WithAnotherPcreTimeout_SharesNothing()
    {
        // The timeout is part of a pattern (a backtracking pcre runs under it), so a pattern with another one is new.
        const string Rule = "alert http any any -> any any (msg:\"a\"; http.uri; pcre:\"/ab+c/\"; sid:1;)\n";
        SignatureCompileResult old = SignatureSetLoader.LoadTexts([("a.rules", Rule)]);

        SignatureCompileResult reloaded = SignatureSetLoader.LoadTexts(
            [("a.rules", Rule)], new SignatureCompilerOptions { PatternsFrom = old.Set, PcreTimeout = TimeSpan.FromSeconds(1) });

        Assert.NotSame(PcreOf(old.Set!, 0), PcreOf(reloaded.Set!, 0));
    }

    [Fact]
    public void Value_PatternTheEngineRefuses_FallsBackToBacktrackingWithTheTimeout()
    {
        // Built as if the text check had let a lookahead through: the regex still runs, on the backtracking engine.
        var regex = new LazyRegex("a(?=b)", RegexOptions.NonBacktracking, TimeSpan.FromMilliseconds(50));

        Assert.Matches(regex.Value, "ab");
        Assert.True(regex.IsBacktracking);
        Assert.Equal(TimeSpan.FromMilliseconds(50), regex.Value.MatchTimeout);
    }

    [Fact]
    public void WarmUpInBackground_BuildsEveryPatternWithoutARequest()
    {
        var set = TestEngine.Compile(
            TestEngine.Rule("http.uri; pcre:\"/a+b/\";", 1),
            TestEngine.Rule("http.uri; content:\"x\"; pcre:\"/c{2,5}d/i\";", 2));
        Assert.Equal(2, set.UnbuiltPatternCount);

        set.WarmUpInBackground();

        // Generous: the machine running the tests is shared; two small patterns build in milliseconds.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (set.UnbuiltPatternCount > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        Assert.Equal(0, set.UnbuiltPatternCount);
    }

    private static LazyRegex PcreOf(CompiledSignatureSet set, int rule = 0)
    {
        foreach (BufferProgram program in set.Signatures[rule].Programs)
        {
            foreach (MatchStep step in program.Steps)
            {
                if (step is PcreStep pcre)
                {
                    return pcre.Pattern;
                }
            }
        }

        throw new InvalidOperationException("no pcre");
    }
}
