using EastWestIds.TestCommon;

namespace EastWestIds.Kubernetes.Tests.Cli;

/// <summary>The <c>--dry-run</c> example in README.md is what this build prints for the example input, word for word.</summary>
public sealed class ReadmeExampleTests
{
    private const string Command = "--objects tests/EastWestIds.Kubernetes.Tests/Examples/bookinfo-objects.yaml\n```\n";

    [Fact]
    public async Task ReadmeDryRunExample_IsTheRealOutput()
    {
        var readme = File.ReadAllText(RepositoryPaths.InRepository("README.md"));
        var start = readme.IndexOf(Command, StringComparison.Ordinal);
        Assert.True(start > 0, "README.md has no 'ewids mirror add … --dry-run' example");
        var yaml = Block(readme, "```yaml\n", start);
        var stderr = Block(readme, "```text\n", start);

        var (code, output, error) = await MirrorCommandTests.RunAsync(
            "mirror", "add", "reviews", "-n", "bookinfo", "--percent", "10", "--istio-version", "1.24", "--dry-run",
            "--objects", RepositoryPaths.InRepository("tests", "EastWestIds.Kubernetes.Tests", "Examples", "bookinfo-objects.yaml"));

        Assert.Equal(0, code);
        Assert.Equal(yaml, output);
        Assert.Equal(stderr, error);
    }

    private static string Block(string text, string opening, int from)
    {
        var begin = text.IndexOf(opening, from, StringComparison.Ordinal) + opening.Length;
        var end = text.IndexOf("```", begin, StringComparison.Ordinal);
        return text[begin..end];
    }
}
