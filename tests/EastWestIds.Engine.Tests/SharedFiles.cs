namespace EastWestIds.Engine.Tests;

/// <summary>Finds the team's shared test data (<c>../shared</c> beside the repository, or <c>EWIDS_SHARED_DIR</c>).</summary>
internal static class SharedFiles
{
    public static string Path(string name)
    {
        var root = Environment.GetEnvironmentVariable("EWIDS_SHARED_DIR");
        if (string.IsNullOrEmpty(root))
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "EastWestIds.sln")))
            {
                dir = dir.Parent;
            }

            if (dir?.Parent is null)
            {
                throw new InvalidOperationException("cannot find the repository root (EastWestIds.sln) above " + AppContext.BaseDirectory);
            }

            root = System.IO.Path.Combine(dir.Parent.FullName, "shared");
        }

        var path = System.IO.Path.Combine(root, name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"shared test data {path} is missing; set EWIDS_SHARED_DIR to the directory holding it", path);
        }

        return path;
    }
}
