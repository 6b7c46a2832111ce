namespace EastWestIds.Fuzz;

/// <summary>Where the repository is (the shipped rules and the corpus): EWIDS_REPO, or up from the binary.</summary>
internal static class RepoRoot
{
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("EWIDS_REPO") is { Length: > 0 } repo)
        {
            return repo;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EastWestIds.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository was not found above the binary; set EWIDS_REPO");
    }
}
