namespace EastWestIds.TestCommon;

/// <summary>
/// Where the repository and the team's shared files are, found from the test binaries: the repository root is the
/// directory holding EastWestIds.sln, and the shared files sit beside it (<c>../shared</c>), as on CI's clean clone.
/// </summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under the repository root.</summary>
    public static string InRepository(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The shared directory: <c>EWIDS_SHARED_DIR</c> when set, else <c>../shared</c> beside the repository.</summary>
    public static string Shared =>
        Environment.GetEnvironmentVariable("EWIDS_SHARED_DIR") is { Length: > 0 } dir ? dir : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>A file of the shared directory; a missing one throws, so a test that needs it fails instead of passing vacuously.</summary>
    public static string SharedFile(params string[] parts)
    {
        var path = Path.Combine([Shared, .. parts]);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"shared test data {path} is missing; set EWIDS_SHARED_DIR to the directory holding it", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EastWestIds.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"cannot find the repository root (EastWestIds.sln) above {AppContext.BaseDirectory}");
    }
}
