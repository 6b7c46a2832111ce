using EastWestIds.Core.Findings;
using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Fuzz;

/// <summary>
/// One request path written every way a server reads as the same path must be found the same in <c>http.uri</c>
/// (<see cref="PathForms"/>): the caller picks how to escape it, where to put dot segments, doubled slashes,
/// backslashes and path parameters, and the server behind resolves them all to one path, so a rule on the
/// normalized path that fires in one form and not in another is an evasion. The input is the decoded path (a
/// <c>/</c> is put before it when it has none). The rules' findings in <c>http.uri</c>, each as its rule and the
/// evidence it matched (not where: a form may read the path as a second value), must match the reference form's; a
/// form that adds path parameters also carries them in the request's own reading, so there the reference's
/// findings need only all be found. A path with a <c>%</c> of its own is compared only across the forms that keep
/// its escapes one layer deep (decoding stops after <see cref="Signatures.Decoding.PercentDecoder.MaxPasses"/> passes,
/// and overlong UTF-8 is shortened after it).
/// </summary>
internal sealed class PathsTarget(InspectionHarness harness, PathForms.Form[]? forms = null) : IFuzzTarget
{
    private readonly PathForms.Form[] _forms = forms ?? PathForms.All;

    /// <summary>Paths compared; a longer one reaches the request head's limits, which cut forms of different lengths differently.</summary>
    internal const int MaxComparedPath = 1024;

    private static readonly HashSet<string> UriBuffers = [.. StickyBufferOption.Names.Where(n => n.Value == InspectionBuffer.HttpUri).Select(n => n.Key)];

    public string Name => "paths";

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length > MaxComparedPath)
        {
            return;
        }

        byte[] path = input.Length > 0 && input[0] == (byte)'/' ? input.ToArray() : [(byte)'/', .. input];
        bool percentFree = path.AsSpan().IndexOf((byte)'%') < 0;
        PathForms.Form reference = _forms[0];
        var expected = Findings(reference, path);
        foreach (var form in _forms.Skip(1).Where(f => f.KeepsThePathsEscapes || percentFree))
        {
            var found = Findings(form, path);
            bool same = form.AddsParameters ? expected.IsSubsetOf(found) : expected.SetEquals(found);
            if (!same)
            {
                throw new FuzzInvariantException($"the path sent {form.Name} was found different from the same sent {reference.Name}:\n" +
                    $"{reference.Target(path)}:\n{string.Join('\n', expected.Order(StringComparer.Ordinal))}\n" +
                    $"{form.Target(path)}:\n{string.Join('\n', found.Order(StringComparer.Ordinal))}");
            }
        }
    }

    /// <summary>The rules found in <c>http.uri</c> when <paramref name="form"/> writes <paramref name="path"/>: each as its sid, buffer and evidence.</summary>
    internal HashSet<string> Findings(PathForms.Form form, byte[] path)
    {
        harness.Inspect(PathForms.Request(form.Target(path)));
        if (harness.Findings.Count != 1)
        {
            throw new FuzzInvariantException($"{form.Name}: {harness.Findings.Count} requests analysed, not one");
        }

        return [.. harness.Findings[0]
            .SelectMany(f => (f.Related ?? []).Prepend(f))
            .Where(f => f.Detail is not null && UriBuffers.Contains(BufferOf(f.Detail)))
            .Select(f => $"{f.Signature.Sid} {BufferOf(f.Detail!)}: {EvidenceOf(f.Detail!)}")];
    }

    private static string BufferOf(string detail) => detail[..Math.Max(0, detail.IndexOf('['))];

    private static string EvidenceOf(string detail) => detail[(detail.IndexOf(": ", StringComparison.Ordinal) + 2)..];
}
