using System.Collections.Concurrent;
using System.Text.Json;

namespace EastWestIds.TestCommon;

/// <summary>
/// Finds and loads the shared test vectors (../shared/vectors/*.json). The directory comes from
/// <c>EWIDS_VECTORS_DIR</c> when set, else <c>../shared/vectors</c> next to the repository root (the directory that
/// holds EastWestIds.sln, found by walking up from the test binaries). A missing file throws, so the theory that
/// asked for it fails with the path in the message instead of passing with zero rows.
/// </summary>
public static class VectorFiles
{
    public const string EnvironmentVariable = "EWIDS_VECTORS_DIR";

    private static readonly ConcurrentDictionary<string, JsonDocument> s_cache = new();

    public static string Directory
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return Path.GetFullPath(fromEnvironment);
            }

            return Path.GetFullPath(Path.Combine(FindRepositoryRoot(), "..", "shared", "vectors"));
        }
    }

    /// <summary>The root object of <paramref name="fileName"/>.</summary>
    public static JsonElement Root(string fileName) => Load(fileName).RootElement;

    /// <summary>The vectors array of <paramref name="fileName"/> (cached per path).</summary>
    public static JsonElement.ArrayEnumerator Vectors(string fileName) => Load(fileName).RootElement.GetProperty("vectors").EnumerateArray();

    /// <summary>The vector with id <paramref name="id"/> in <paramref name="fileName"/>.</summary>
    public static JsonElement Get(string fileName, string id)
    {
        foreach (var vector in Vectors(fileName))
        {
            if (vector.GetProperty("id").GetString() == id)
            {
                return vector;
            }
        }

        throw new InvalidOperationException($"Vector '{id}' not found in {Path.Combine(Directory, fileName)}.");
    }

    private static JsonDocument Load(string fileName)
    {
        var path = Path.Combine(Directory, fileName);
        return s_cache.GetOrAdd(path, static p =>
        {
            if (!File.Exists(p))
            {
                throw new FileNotFoundException(
                    $"Test vector file not found: {p}. Set {EnvironmentVariable} to the directory holding the vectors " +
                    "(default: ../shared/vectors relative to the repository root).", p);
            }

            var document = JsonDocument.Parse(File.ReadAllBytes(p));
            if (document.RootElement.GetProperty("vectors").GetArrayLength() == 0)
            {
                throw new InvalidOperationException($"Test vector file {p} holds no vectors.");
            }

            return document;
        });
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EastWestIds.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"EastWestIds.sln not found above {AppContext.BaseDirectory}; set {EnvironmentVariable} to the vectors directory.");
    }
}
