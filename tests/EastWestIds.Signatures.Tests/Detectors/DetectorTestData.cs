using System.Text;

namespace EastWestIds.Signatures.Tests.Detectors;

/// <summary>Finds the detector test data: the benign value set beside these tests and the shared CRS corpus.</summary>
internal static class DetectorTestData
{
    /// <summary>The benign values (one per line; <c>\n</c> in a line stands for a line break), as UTF-8.</summary>
    public static IReadOnlyList<(string Text, byte[] Bytes)> BenignValues()
    {
        var path = Path.Combine(RepositoryRoot(), "tests", "EastWestIds.Signatures.Tests", "Detectors", "benign-values.txt");
        var values = new List<(string, byte[])>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var text = line.Replace("\\n", "\n", StringComparison.Ordinal);
            values.Add((text, Encoding.UTF8.GetBytes(text)));
        }

        return values;
    }

    /// <summary>Every argument value of the CRS corpus, then every benign value: what the detectors' shortcut tests compare on.</summary>
    public static IEnumerable<string> CorpusValues() =>
        CrsRequestValues.Load(CrsCorpusPath()).SelectMany(r => r.Values).Concat(BenignValues().Select(v => v.Text));

    /// <summary>The benign request corpus (<c>tests/corpus/benign-requests.jsonl</c>), one JSON request per line.</summary>
    public static string BenignRequestsPath() => Path.Combine(RepositoryRoot(), "tests", "corpus", "benign-requests.jsonl");

    /// <summary><c>crs-requests.jsonl</c> from <c>EWIDS_SHARED_DIR</c> or <c>../shared/corpus</c> beside the repository.</summary>
    public static string CrsCorpusPath()
    {
        var root = Environment.GetEnvironmentVariable("EWIDS_SHARED_DIR");
        if (string.IsNullOrEmpty(root))
        {
            root = Path.Combine(Directory.GetParent(RepositoryRoot())!.FullName, "shared");
        }

        var path = Path.Combine(root, "corpus", "crs-requests.jsonl");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"CRS corpus {path} is missing; set EWIDS_SHARED_DIR to the directory holding corpus/", path);
        }

        return path;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EastWestIds.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (EastWestIds.sln) above " + AppContext.BaseDirectory);
    }
}
