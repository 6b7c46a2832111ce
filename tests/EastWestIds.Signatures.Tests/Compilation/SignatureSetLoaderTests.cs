using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Tests.Matching;

namespace EastWestIds.Signatures.Tests.Compilation;

public sealed class SignatureSetLoaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ewids-set-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Load_DirectoriesAndFiles_CompileIntoOneSet()
    {
        Write("a/web.rules", TestEngine.Rule("http.uri; content:\"a\";", 1));
        Write("a/deeper/mesh.rules", TestEngine.Rule("http.uri; content:\"b\";", 2));
        string single = Write("local.rules", TestEngine.Rule("http.uri; content:\"c\";", 3));

        SignatureCompileResult result = SignatureSetLoader.Load([Path.Combine(_root, "a"), single, single], TestEngine.Options);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal([2, 1, 3], result.Set!.Signatures.Select(s => s.Sid));
    }

    [Fact]
    public void Load_MissingPath_IsAnErrorNotAnEmptySet()
    {
        SignatureCompileResult result = SignatureSetLoader.Load([Path.Combine(_root, "nope")], TestEngine.Options);

        Assert.False(result.Succeeded);
        Assert.EndsWith("nope:0:0: no such rule file or directory", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Load_ErrorsOfSeveralFilesAndPhases_AreAllReportedWithFileLineAndSid()
    {
        string one = Write("one.rules",
            """
            alert http any any -> any any (msg:"ok"; http.uri; content:"a"; sid:1;)
            alert http any any -> any any (msg:"bad keyword"; http.uri; conten:"a"; sid:2;)
            """);
        string two = Write("two.rules",
            """
            # comment
            alert http any any -> any any (msg:"bad class"; http.uri; content:"a"; classtype:nope; sid:3;)
            alert http any any -> any any (msg:"dup"; http.uri; content:"a"; sid:1;)
            """);

        SignatureCompileResult result = SignatureSetLoader.Load([_root], TestEngine.Options);

        Assert.False(result.Succeeded);
        Assert.Collection(result.Errors,
            e => Assert.Equal((one, 2, 2L), (e.File, e.Line, e.Sid)),
            e => Assert.Equal((two, 2, 3L), (e.File, e.Line, e.Sid)),
            e => Assert.Equal((two, 3, 1L), (e.File, e.Line, e.Sid)));
        Assert.Contains("classtype", result.Errors[1].Message, StringComparison.Ordinal);
    }
}
