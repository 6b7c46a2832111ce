namespace EastWestIds.Benchmarks;

/// <summary>The checkout the benchmarks run from, so that they can load the shipped rules in <c>signatures/</c>.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EastWestIds.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (EastWestIds.sln) not found above " + AppContext.BaseDirectory);
    }
}
