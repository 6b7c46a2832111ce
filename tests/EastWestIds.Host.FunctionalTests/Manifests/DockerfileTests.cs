using EastWestIds.TestCommon;

namespace EastWestIds.Host.FunctionalTests.Manifests;

/// <summary>
/// The Dockerfile restores from the project files alone (so the restore layer survives source edits); a project
/// added under src/ and forgotten there breaks the image build, which no other test runs here.
/// </summary>
public sealed class DockerfileTests
{
    [Fact]
    public void EverySourceProject_IsCopiedBeforeTheRestore()
    {
        var lines = File.ReadAllLines(RepositoryPaths.InRepository("Dockerfile"));
        var restore = Array.FindIndex(lines, l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        Assert.True(restore > 0, "the Dockerfile has a restore step");
        var copied = lines[..restore].Where(l => l.StartsWith("COPY src/", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToHashSet();

        foreach (var project in Directory.EnumerateFiles(RepositoryPaths.InRepository("src"), "*.csproj", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepositoryPaths.Root, project).Replace('\\', '/');
            Assert.Contains(relative, copied);
        }
    }
}
