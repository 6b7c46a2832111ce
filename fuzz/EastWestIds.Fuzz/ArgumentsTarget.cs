using EastWestIds.Core.Findings;
using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Fuzz;

/// <summary>
/// One argument sent in every format a service reads arguments from must be found the same: the caller picks the
/// format (the query, also encoded twice or in <c>%u</c> escapes, a form, multipart, JSON with or without <c>\u</c>
/// escapes or in UTF-16, YAML quoted either way, MessagePack, CBOR whole or in chunks, a GraphQL string, an XML element,
/// CDATA section or attribute, a multipart field in base64 or quoted-printable; <see cref="ArgumentCarriers"/>), and
/// the service behind decodes the same name and value from each, so a rule that fires in one and not in another is an
/// evasion. The input's first byte is the name's length (0: the name is <c>q</c>), then the name, then the value. The
/// rules' findings in the value's buffers and in the name's, with their evidence, must match across the carriers that
/// can hold the pair; a multipart field in a transfer encoding is read both as sent and decoded, so it must raise every
/// rule the others raise and may raise more. The percent-decoding carriers (the query and forms) are decoded until
/// stable, as PHP and many frameworks do, and the overlong UTF-8 a form may carry is shortened, so they are compared
/// with the others only when neither name nor value holds a <c>%</c> or anything but valid UTF-8; and a value that
/// holds escapes of its own (<c>..%2f</c>) is compared only across the carriers that encode it once, since decoding
/// stops after <see cref="PercentDecoder.MaxPasses"/> passes.
/// </summary>
internal sealed class ArgumentsTarget(InspectionHarness harness) : IFuzzTarget
{
    /// <summary>Values compared; a longer one reaches the per-value budgets, where formats are cut differently.</summary>
    internal const int MaxComparedValue = 2048;

    private static readonly HashSet<string> ValueBuffers = BuffersOf(InspectionBuffer.HttpArg, InspectionBuffer.HttpArgOffDomainUrl);

    private static readonly HashSet<string> NameBuffers = BuffersOf(InspectionBuffer.HttpArgName);

    public string Name => "arguments";

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length < 1)
        {
            return;
        }

        int nameLength = Math.Min(input[0] % 64, input.Length - 1);
        byte[] name = nameLength == 0 ? "q"u8.ToArray() : input.Slice(1, nameLength).ToArray();
        byte[] value = input[(1 + nameLength)..].ToArray();
        if (value.Length > MaxComparedValue)
        {
            return;
        }

        bool percentFree = name.AsSpan().IndexOf((byte)'%') < 0 && value.AsSpan().IndexOf((byte)'%') < 0;
        bool asIs = percentFree && System.Text.Unicode.Utf8.IsValid(name) && System.Text.Unicode.Utf8.IsValid(value);
        IEnumerable<ArgumentCarriers.Carrier[]> groups = asIs
            ? [ArgumentCarriers.All]
            : [[.. ArgumentCarriers.All.Where(c => c.PercentLayers == 0)], [.. ArgumentCarriers.All.Where(c => c.PercentLayers == 1 || (percentFree && c.PercentLayers > 1))]];
        foreach (var group in groups)
        {
            Compare(group, name, value);
        }
    }

    /// <summary>The findings in <paramref name="buffers"/>, each rule of a collapsed finding on its own, in one canonical order.</summary>
    internal static string FindingsIn(IEnumerable<Finding> findings, HashSet<string> buffers) => string.Join('\n', findings
        .SelectMany(f => (f.Related ?? []).Prepend(f))
        .Where(f => f.Detail is not null && buffers.Contains(f.Detail[..Math.Max(0, f.Detail.IndexOf('['))]))
        .Select(f => $"{f.Signature.Sid} {f.Detail}")
        .Order(StringComparer.Ordinal));

    /// <summary>The value's and the name's findings when <paramref name="carrier"/> sends the pair; null when it cannot.</summary>
    internal (string Value, string? Name)? Findings(ArgumentCarriers.Carrier carrier, byte[] name, byte[] value)
    {
        if (carrier.Wire(name, value) is not { } wire)
        {
            return null;
        }

        harness.Inspect(wire);
        if (harness.Findings.Count != 1)
        {
            throw new FuzzInvariantException($"{carrier.Name}: {harness.Findings.Count} requests analysed, not one");
        }

        Finding[] findings = harness.Findings[0];
        return (FindingsIn(findings, ValueBuffers), carrier.CarriesName ? FindingsIn(findings, NameBuffers) : null);
    }

    private void Compare(ArgumentCarriers.Carrier[] carriers, byte[] name, byte[] value)
    {
        (string Carrier, string Found)? valueReference = null, nameReference = null;
        foreach (var carrier in carriers)
        {
            if (Findings(carrier, name, value) is not var (foundInValue, foundInName))
            {
                continue;
            }

            if (carrier.AddsValues)
            {
                // Never the reference: it finds more than the value alone (rules on the value as sent), and a rule
                // that matches both readings reports the first, as sent; so its rules are compared, not their evidence.
                if (valueReference is { } first && !Rules(first.Found).IsSubsetOf(Rules(foundInValue)))
                {
                    throw new FuzzInvariantException($"the argument's value sent as {carrier.Name} was found without what it is found with as {first.Carrier}:\n" +
                        $"{first.Carrier}:\n{first.Found}\n{carrier.Name}:\n{foundInValue}");
                }
            }
            else
            {
                valueReference = Check(valueReference, carrier.Name, foundInValue, "value");
            }

            if (foundInName is not null)
            {
                nameReference = Check(nameReference, carrier.Name, foundInName, "name");
            }
        }
    }

    /// <summary>The rules of <paramref name="findings"/> (<see cref="FindingsIn"/>'s lines), each with the buffer it matched in.</summary>
    private static HashSet<string> Rules(string findings) =>
        [.. findings.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(f => f[..f.IndexOf('[')])];

    private static (string Carrier, string Found) Check((string Carrier, string Found)? reference, string carrier, string found, string part)
    {
        if (reference is { } first && first.Found != found)
        {
            throw new FuzzInvariantException($"the argument's {part} sent as {carrier} was found different from the same sent as {first.Carrier}:\n" +
                $"{first.Carrier}:\n{first.Found}\n{carrier}:\n{found}");
        }

        return reference ?? (carrier, found);
    }

    private static HashSet<string> BuffersOf(params InspectionBuffer[] buffers) =>
        [.. StickyBufferOption.Names.Where(n => buffers.Contains(n.Value)).Select(n => n.Key)];
}
