using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace EastWestIds.Host.Signatures;

/// <summary>Reads a cases file; every problem names the file and line, and unknown keys are errors (a typo must not silently drop an expectation).</summary>
internal static class CasesFileReader
{
    /// <summary>The file name suffix of cases files.</summary>
    public const string Suffix = ".cases.yaml";

    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static IReadOnlyList<RuleCase> Read(string path, List<string> problems)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{path}: cannot read: {e.Message}");
            return [];
        }

        try
        {
            CasesDocument? document = Deserializer.Deserialize<CasesDocument?>(text);
            List<RuleCase> cases = document?.Cases ?? [];
            AssignLines(text, cases);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (RuleCase c in cases)
            {
                if (c.Problem() is { } problem)
                {
                    problems.Add($"{path}:{c.Line}: case '{c.Name}' {problem}");
                }
                else if (!names.Add(c.Name!))
                {
                    problems.Add($"{path}:{c.Line}: case name '{c.Name}' is used twice");
                }
            }

            return cases;
        }
        catch (YamlException e)
        {
            problems.Add($"{path}:{e.Start.Line}: {(e.InnerException ?? e).Message}");
            return [];
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner and document loader throw these, not a YamlException, on some malformed input
            // (YamlDotNet issues 541, 1004; found by fuzzing, fuzz/README.md). The deserializer wraps them in a
            // YamlException; the line-numbering parser of AssignLines does not.
            problems.Add($"{path}: not valid YAML: {e.Message}");
            return [];
        }
    }

    // The deserializer does not report positions; the n-th item of the top-level "cases" sequence is the n-th case.
    private static void AssignLines(string text, List<RuleCase> cases)
    {
        var parser = new Parser(new StringReader(text));
        int depth = 0, index = 0;
        bool inCases = false;
        while (parser.MoveNext() && index < cases.Count)
        {
            switch (parser.Current)
            {
                case Scalar { Value: "cases" } when depth == 1:
                    inCases = true;
                    break;
                case MappingStart m:
                    if (inCases && depth == 2)
                    {
                        cases[index++].Line = (int)m.Start.Line;
                    }

                    depth++;
                    break;
                case SequenceStart:
                    depth++;
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }
    }
}
