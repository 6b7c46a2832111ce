namespace EastWestIds.Identity.Xfcc;

/// <summary>
/// The XFCC grammar of MESH-SEMANTICS §2.1: <see cref="Summarize"/> for the request path (no allocation) and
/// <see cref="Parse(string)"/> for everything else. Both read the header through the same <see cref="XfccTokenizer"/>,
/// so they accept the same headers and see the same values.
/// </summary>
public static partial class XfccParser
{
    /// <summary>Scans the whole header (every element must be well-formed) and describes its last element. Allocation-free.</summary>
    /// <param name="header">The x-forwarded-client-cert value as received (a single field line's value).</param>
    /// <returns>The summary; check <see cref="XfccSummary.Error"/> first.</returns>
    public static XfccSummary Summarize(ReadOnlySpan<byte> header)
    {
        var tokenizer = new XfccTokenizer(header);
        int elementCount = 0;
        Range uri = default, by = default, hash = default, subject = default;
        int uriCount = 0, byCount = 0, dnsCount = 0;
        bool legacySan = false, hasEscapes = false, hasHash = false;

        while (tokenizer.Read(out var pair))
        {
            if (pair.StartsElement)
            {
                // Earlier elements are only validated; the last one is the one the receiver's own proxy wrote (§2.5).
                elementCount++;
                uri = by = hash = subject = default;
                uriCount = byCount = dnsCount = 0;
                legacySan = hasEscapes = hasHash = false;
            }

            hasEscapes |= pair.HasEscapes;
            switch (pair.Key)
            {
                case XfccKey.San:
                    legacySan = true;
                    goto case XfccKey.Uri;
                case XfccKey.Uri:
                    // Envoy writes "URI=" when the peer certificate has no URI SAN (§2.2): that is "no URI".
                    if (pair.Value.Start.Value != pair.Value.End.Value && uriCount++ == 0)
                    {
                        uri = pair.Value;
                    }

                    break;
                case XfccKey.By:
                    if (byCount++ == 0)
                    {
                        by = pair.Value;
                    }

                    break;
                case XfccKey.Hash:
                    hash = pair.Value;
                    hasHash = true;
                    break;
                case XfccKey.Subject:
                    subject = pair.Value;
                    break;
                case XfccKey.Dns:
                    dnsCount++;
                    break;
            }
        }

        if (tokenizer.Error != XfccError.None)
        {
            return new XfccSummary(tokenizer.Error, 0, default, 0, default, 0, default, 0, false, false);
        }

        return new XfccSummary(XfccError.None, elementCount, uri, uriCount, by, byCount, hash, dnsCount, legacySan, hasEscapes)
        {
            LastSubject = subject,
            LastHasHash = hasHash,
        };
    }
}
