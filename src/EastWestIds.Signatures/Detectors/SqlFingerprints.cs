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

    // Bit (first << 7 | second) is set when an exact or prefix entry starts with those two token bytes (second 0 for a
    // one-token entry; every second byte for a one-token prefix). Most fingerprints of ordinary values start with a
    // pair no entry starts with and are answered by this one load instead of up to nine set probes.
    private static readonly ulong[] s_leadingPairs = new ulong[(1 << 14) / 64];

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
                if (prefix && expanded.Length == 1)
                {
                    for (int second = 0; second < 128; second++)
                    {
                        MarkPair(expanded[0], second);
                    }
                }
                else
                {
                    MarkPair(expanded[0], expanded.Length > 1 ? expanded[1] : 0);
                }
            }
        }

        s_exact = exact.ToFrozenSet();
        s_prefixes = prefixes.ToFrozenSet();
    }

    /// <summary>Whether the fingerprint is a known injection shape.</summary>
    public static bool IsInjection(DetectorFingerprint fingerprint)
    {
        ulong packed = fingerprint.Packed;
        int pair = (int)(packed & 0x7F) << 7 | (int)(packed >> 8 & 0x7F);
        if ((s_leadingPairs[pair >> 6] >> pair & 1) == 0 && (packed & 0x8080) == 0)
        {
            // no entry starts like this: only the UNION-then-SELECT rule is left
            return HasUnionSelect(fingerprint);
        }

        return IsInjectionByEntries(fingerprint);
    }

    /// <summary><see cref="IsInjection"/> without the leading-pair filter (what the filter must always agree with).</summary>
    internal static bool IsInjectionByEntries(DetectorFingerprint fingerprint)
    {
        ulong packed = fingerprint.Packed;
        if (s_exact.Contains(packed))
        {
            return true;
        }

        if (HasUnionSelect(fingerprint))
        {
            return true;
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

    /// <summary>UNION followed by SELECT anywhere in the fingerprint: no prose has that shape.</summary>
    private static bool HasUnionSelect(DetectorFingerprint fingerprint)
    {
        for (int i = 0; i + 1 < fingerprint.Length; i++)
        {
            if (fingerprint[i] == (byte)SqlTokenType.Union
                && (fingerprint[i + 1] == (byte)SqlTokenType.Expression
                    || (fingerprint[i + 1] == (byte)SqlTokenType.LeftParenthesis && i + 2 < fingerprint.Length && fingerprint[i + 2] == (byte)SqlTokenType.Expression)))
            {
                return true;
            }
        }

        return false;
    }

    private static void MarkPair(int first, int second)
    {
        int pair = (first & 0x7F) << 7 | (second & 0x7F);
        s_leadingPairs[pair >> 6] |= 1UL << pair;
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
