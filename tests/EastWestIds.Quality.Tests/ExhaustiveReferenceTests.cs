using System.Text.Json;
using System.Text.Json.Nodes;
using EastWestIds.Quality;
using EastWestIds.Signatures;
using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Quality.Tests;

/// <summary>
/// The shipped rules as the product matches them against the same rules evaluated the plain way: every rule on every
/// request and every value, by its steps alone (<see cref="SignatureCompilerOptions.Exhaustive"/>). The matcher's speed
/// work put shortcuts in front of the steps (the literal prefilter and its joined scans, char-class gates,
/// minimum lengths, start prefixes and call shapes, required chars and literal sets before a regex, literal lists in
/// place of one, skipped repeats, the detectors' plain-text answers); each has a unit test against its own reference,
/// and this is the test of all of them together, on the shipped rules and real requests: a shortcut that drops an
/// attack, or makes up a match, shows here as a rule one side matched and the other did not, or as other evidence.
/// </summary>
public sealed class ExhaustiveReferenceTests
{
    private static readonly Lazy<CompiledSignatureSet> Reference = new(() =>
    {
        var errors = new List<SignatureLoadError>();
        IReadOnlyList<string> files = SignatureSetLoader.RuleFiles(RepositoryFiles.InRepository("signatures"), errors);
        SignatureCompileResult result = SignatureSetLoader.Load(files, SignatureEngineDefaults.Options with
        {
            PcreTimeout = InProcessScan.MeasurementPcreTimeout,
            Exhaustive = true,
        });
        return result.Set is { } set && errors.Count == 0
            ? set
            : throw new InvalidOperationException("shipped rules do not load:\n" + string.Join("\n", errors.Concat(result.Errors)));
    });

    [Fact]
    public void ReferenceSet_EvaluatesEveryRuleOnEveryRequest()
    {
        Assert.Equal(ShippedRules.Set.Count, Reference.Value.AlwaysCandidateCount);
        Assert.True(ShippedRules.Set.AlwaysCandidateCount < 40, "the product's set must prefilter (else this test compares a set with itself)");
    }

    [Fact]
    public void CrsCorpus_MatchesWhatTheExhaustiveReferenceMatches() =>
        AssertAgree(Lines(RepositoryFiles.Shared("corpus/crs-requests.jsonl")), minimumMatched: 3_500);

    [Fact]
    public void BenignCorpus_MatchesWhatTheExhaustiveReferenceMatches() =>
        AssertAgree(Lines(RepositoryFiles.InRepository("tests/corpus/benign-requests.jsonl")), minimumMatched: 0);

    [Fact]
    public void PayloadsCorpus_MatchesWhatTheExhaustiveReferenceMatches() =>
        AssertAgree(GeneratedCorpus.Lines("bench/quality/payloads/make-payload-corpus.py"), minimumMatched: 4_500);

    /// <summary>
    /// The requests of the rules' cases files (signatures/*.cases.yaml, but the few written as raw HTTP): each written
    /// at the edge of what a rule must or must not match, where a shortcut is likeliest to part from the rule.
    /// </summary>
    [Fact]
    public void RuleCases_MatchWhatTheExhaustiveReferenceMatches()
    {
        var yaml = new YamlDotNet.Serialization.DeserializerBuilder().Build();
        var requests = new List<string>();
        foreach (string file in Directory.GetFiles(RepositoryFiles.InRepository("signatures"), "*.cases.yaml").Order(StringComparer.Ordinal))
        {
            var document = yaml.Deserialize<Dictionary<string, List<Dictionary<string, object>>>>(File.ReadAllText(file));
            foreach (Dictionary<string, object> rule in document["cases"])
            {
                if (rule.ContainsKey("raw"))
                {
                    continue;
                }

                var request = new JsonObject { ["id"] = $"{Path.GetFileName(file)}: {rule["name"]}" };
                foreach (string field in new[] { "method", "uri", "http_version", "body" })
                {
                    if (rule.TryGetValue(field, out object? value))
                    {
                        request[field] = (string)value;
                    }
                }

                request["body_base64"] = rule.TryGetValue("body_base64", out object? base64) && bool.Parse((string)base64);
                request["headers"] = new JsonArray([.. ((List<object>?)rule.GetValueOrDefault("headers") ?? [])
                    .Select(h => (JsonNode)new JsonArray([.. ((List<object>)h).Select(part => (JsonNode?)JsonValue.Create((string)part))]))]);
                requests.Add(request.ToJsonString());
            }
        }

        Assert.True(requests.Count > 800, $"only {requests.Count} cases read");
        AssertAgree(requests, minimumMatched: 500);
    }

    /// <summary>
    /// Every sixth text of the prose corpus (bench/quality/prose; test.sh installs the fortune files): quotes, dashes,
    /// apostrophes and brackets in eight languages, where the char-class gates and the detectors' plain-text answers
    /// decide most values.
    /// </summary>
    [Fact]
    public void ProseSample_MatchesWhatTheExhaustiveReferenceMatches() =>
        AssertAgree(GeneratedCorpus.Lines("bench/quality/prose/make-prose-corpus.py", "/usr/share/games/fortunes").Where((_, i) => i % 6 == 0), minimumMatched: 0);

    /// <summary>
    /// CRS attacks cut short and with letters flipped in case: requests that hold half a literal, or a literal in a
    /// case its rule does not ignore, are where a prefilter, a gate or a literal check would part from the regex.
    /// </summary>
    [Fact]
    public void MutatedCrsAttacks_MatchWhatTheExhaustiveReferenceMatches()
    {
        var random = new Random(20);
        var mutants = new List<string>();
        foreach (string line in Lines(RepositoryFiles.Shared("corpus/crs-requests.jsonl")))
        {
            JsonObject record = JsonNode.Parse(line)!.AsObject();
            if (record["expect_detect"]?.GetValue<bool>() != true || record["body_base64"]?.GetValue<bool>() == true)
            {
                continue;
            }

            mutants.Add(Mutate(record, random, cut: true));
            mutants.Add(Mutate(record, random, cut: false));
        }

        AssertAgree(mutants, minimumMatched: 3_000);
    }

    /// <summary>
    /// The benign requests with a piece of a CRS attack spliced into their query, body or a header value, now and then
    /// with JSON, form, multipart or markup punctuation around it: attacks in the contexts services really receive,
    /// and bodies broken by them (an unescaped quote in a JSON string, a stray boundary), where the parsers decide
    /// which values the rules see. Both sides must also get through every one of them.
    /// </summary>
    [Fact]
    public void BenignRequestsWithAttacksSplicedIn_MatchWhatTheExhaustiveReferenceMatches()
    {
        var random = new Random(21);
        string[] pieces = [.. Lines(RepositoryFiles.Shared("corpus/crs-requests.jsonl"))
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .Where(r => r["expect_detect"]?.GetValue<bool>() == true && r["body_base64"]?.GetValue<bool>() != true)
            .Select(r => r["body"]?.GetValue<string>() is { Length: > 0 } body ? body : r["uri"]!.GetValue<string>())];
        const string punctuation = "\"'{}[]\\%&#;:<>=,+\r\n\0-";
        var spliced = new List<string>();
        foreach (string line in Lines(RepositoryFiles.InRepository("tests/corpus/benign-requests.jsonl")))
        {
            JsonObject record = JsonNode.Parse(line)!.AsObject();
            if (record["body_base64"]?.GetValue<bool>() == true)
            {
                continue;
            }

            string piece = pieces[random.Next(pieces.Length)];
            int start = random.Next(piece.Length);
            piece = piece.Substring(start, random.Next(1, Math.Min(60, piece.Length - start) + 1));
            if (random.Next(3) == 0)
            {
                piece = punctuation[random.Next(punctuation.Length)] + piece + punctuation[random.Next(punctuation.Length)];
            }

            switch (random.Next(3))
            {
                case 0 when record["body"]?.GetValue<string>() is { Length: > 0 } body:
                    record["body"] = body.Insert(random.Next(body.Length + 1), piece);
                    break;
                case 1 when record["headers"] is JsonArray { Count: > 0 } headers:
                    var header = (JsonArray)headers[random.Next(headers.Count)]!;
                    string value = header[1]!.GetValue<string>();
                    header[1] = value.Insert(random.Next(value.Length + 1), piece.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
                    break;
                default:
                    string uri = record["uri"]?.GetValue<string>() ?? "/";
                    record["uri"] = uri + (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "q=" + piece;
                    break;
            }

            record["id"] = $"{record["id"]}-spliced";
            spliced.Add(record.ToJsonString());
        }

        AssertAgree(spliced, minimumMatched: 800); // 949 when written
    }

    private static string Mutate(JsonObject original, Random random, bool cut)
    {
        var record = (JsonObject)original.DeepClone();
        record["id"] = $"{original["id"]}-{(cut ? "cut" : "case")}";
        foreach (string field in new[] { "uri", "body" })
        {
            if (record[field]?.GetValue<string>() is { Length: > 0 } text)
            {
                record[field] = cut ? text[..random.Next(1, text.Length + 1)] : FlipCase(text, random);
            }
        }

        if (!cut && record["headers"] is JsonArray headers)
        {
            foreach (JsonNode? pair in headers)
            {
                if (pair is JsonArray { Count: 2 } header && header[1]?.GetValue<string>() is { } value)
                {
                    header[1] = FlipCase(value, random);
                }
            }
        }

        return record.ToJsonString();
    }

    private static string FlipCase(string text, Random random) =>
        string.Create(text.Length, (text, random), static (chars, state) =>
        {
            for (int i = 0; i < chars.Length; i++)
            {
                char c = state.text[i];
                chars[i] = char.IsAsciiLetter(c) && state.random.Next(4) == 0 ? (char)(c ^ 0x20) : c;
            }
        });

    private static IEnumerable<string> Lines(string path) => File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l));

    /// <summary>
    /// Inspects every request with the product's set and the reference and fails on any request where the two differ
    /// in the rules that matched or in a match's evidence (buffer, value, span), listing the first twenty.
    /// </summary>
    private static void AssertAgree(IEnumerable<string> lines, int minimumMatched)
    {
        var product = new SignatureMatcher(ShippedRules.Set);
        var reference = new SignatureMatcher(Reference.Value);
        var buffers = new RequestBuffers();
        var differences = new List<string>();
        int requests = 0, matched = 0;
        foreach (string line in lines)
        {
            using JsonDocument document = JsonDocument.Parse(line);
            var view = new CorpusRequestView(document.RootElement);
            buffers.Reset(view);
            product.Inspect(buffers);
            string[] ours = Describe(product.Matches);
            reference.Inspect(buffers);
            string[] expected = Describe(reference.Matches);
            requests++;
            matched += ours.Length;
            if (!ours.SequenceEqual(expected))
            {
                differences.Add($"{view.Id}: product [{string.Join(", ", ours.Except(expected))}] reference [{string.Join(", ", expected.Except(ours))}]");
            }
        }

        Assert.True(differences.Count == 0,
            $"{differences.Count} of {requests} requests differ from the exhaustive reference (rule: buffer[value]@offset+length):\n"
            + string.Join("\n", differences.Take(20)));
        Assert.True(matched >= minimumMatched, $"only {matched} matches over {requests} requests: the comparison says little");
    }

    private static string[] Describe(ReadOnlySpan<SignatureMatch> matches)
    {
        var described = new string[matches.Length];
        for (int i = 0; i < matches.Length; i++)
        {
            SignatureMatch m = matches[i];
            described[i] = $"{m.Signature.Sid}: {m.Buffer}[{m.ValueIndex}]@{m.Offset}+{m.Length}";
        }

        Array.Sort(described, StringComparer.Ordinal);
        return described;
    }
}
