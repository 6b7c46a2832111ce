namespace EastWestIds.Quality.Tests;

/// <summary>Finds files of the repository (the directory holding EastWestIds.sln) and the shared data beside it.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string InRepository(string relative) => Path.Combine(Root, relative);

    /// <summary><c>../shared/&lt;name&gt;</c> next to the repository, or under <c>EWIDS_SHARED_DIR</c>.</summary>
    public static string Shared(string name)
    {
        string root = Environment.GetEnvironmentVariable("EWIDS_SHARED_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Directory.GetParent(Root)!.FullName, "shared");
        string path = Path.Combine(root, name);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"shared test data {path} is missing; set EWIDS_SHARED_DIR to the directory holding it", path);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EastWestIds.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (EastWestIds.sln) above " + AppContext.BaseDirectory);
    }
}
