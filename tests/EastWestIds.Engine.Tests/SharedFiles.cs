using EastWestIds.TestCommon;

namespace EastWestIds.Engine.Tests;

/// <summary>Finds the team's shared test data (<c>../shared</c> beside the repository, or <c>EWIDS_SHARED_DIR</c>).</summary>
internal static class SharedFiles
{
    public static string Path(string name) => RepositoryPaths.SharedFile(name);
}
