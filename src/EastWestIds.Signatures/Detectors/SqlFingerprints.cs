using System.Collections.Frozen;

namespace EastWestIds.Signatures.Detectors;

/// <summary>
/// The known-injection fingerprints. A fingerprint is an injection when it equals an exact entry or starts with
/// a prefix entry. Entries are written compactly and expanded once: <c>V</c> stands for any value token
/// (<c>1 s n v</c>) and <c>L</c> for a literal (<c>1 s v</c>); a trailing <c>*</c> makes an entry a prefix. Lookup
/// probes frozen hash sets of packed keys, one per prefix length: allocation-free, at most nine probes.
/// </summary>
internal static partial class SqlFingerprints
{
    private static readonly FrozenSet<ulong> s_exact;
    private static readonly FrozenSet<ulong> s_prefixes;

    static SqlFingerprints()
    {
        var exact = new HashSet<ulong>();
        var prefixes = new HashSet<ulong>();
        foreach (var entry in Entries)
        {
            bool prefix = entry.EndsWith('*');
            var pattern = prefix ? entry[..^1] : entry;
            foreach (var expanded in Expand(pattern))
            {
                (prefix ? prefixes : exact).Add(PackText(expanded));
            }
        }

        s_exact = exact.ToFrozenSet();
        s_prefixes = prefixes.ToFrozenSet();
    }

    /// <summary>Whether the fingerprint is a known injection shape.</summary>
    public static bool IsInjection(DetectorFingerprint fingerprint)
    {
        ulong packed = fingerprint.Packed;
        if (s_exact.Contains(packed))
        {
            return true;
        }

        // UNION followed by SELECT anywhere in the fingerprint: no prose has that shape
        for (int i = 0; i + 1 < fingerprint.Length; i++)
        {
            if (fingerprint[i] == (byte)SqlTokenType.Union
                && (fingerprint[i + 1] == (byte)SqlTokenType.Expression
                    || (fingerprint[i + 1] == (byte)SqlTokenType.LeftParenthesis && i + 2 < fingerprint.Length && fingerprint[i + 2] == (byte)SqlTokenType.Expression)))
            {
                return true;
            }
        }

        for (int length = 1; length <= fingerprint.Length; length++)
        {
            ulong head = length == DetectorFingerprint.Capacity ? packed : packed & ((1UL << (8 * length)) - 1);
            if (s_prefixes.Contains(head))
            {
                return true;
            }
        }

        return false;
    }

    internal static ulong PackText(string text)
    {
        if (text.Length is 0 or > DetectorFingerprint.Capacity)
        {
            throw new ArgumentException($"fingerprint entry '{text}' must have 1 to {DetectorFingerprint.Capacity} tokens", nameof(text));
        }

        ulong packed = 0;
        for (int i = 0; i < text.Length; i++)
        {
            packed |= (ulong)(byte)text[i] << (8 * i);
        }

        return packed;
    }

    private static IEnumerable<string> Expand(string pattern)
    {
        int wildcard = pattern.IndexOfAny(['V', 'L']);
        if (wildcard < 0)
        {
            yield return pattern;
            yield break;
        }

        var choices = pattern[wildcard] == 'V' ? "1snv" : "1sv";
        foreach (char choice in choices)
        {
            foreach (var rest in Expand(pattern[..wildcard] + choice + pattern[(wildcard + 1)..]))
            {
                yield return rest;
            }
        }
    }
}
