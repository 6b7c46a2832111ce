namespace EastWestIds.Signatures.Detectors;

/// <summary>Recognises URLs that run script when a browser follows or loads them.</summary>
internal static class ScriptUrls
{
    private static readonly string[] s_scriptSchemes = ["javascript:", "vbscript:", "livescript:", "mocha:"];

    /// <summary>
    /// The scheme of <paramref name="value"/> if it runs script: <c>javascript:</c> and its relatives anywhere, and
    /// for URL attributes also <c>data:</c> (except raster images, which rich-text editors embed as
    /// <c>data:image/png;base64,…</c>). Returns null when the URL is harmless.
    /// </summary>
    public static string? DangerousScheme(ReadOnlySpan<byte> value, bool urlAttribute)
    {
        // every scheme ends with ':', which the reader only yields from ':' itself or from a reference ('&colon;',
        // '&#58;'): a value with neither is answered without reading it once per scheme
        return value.IndexOfAny((byte)':', (byte)'&') < 0 ? null : DangerousSchemeRead(value, urlAttribute);
    }

    /// <summary><see cref="DangerousScheme"/> without the ':'/'&amp;' pre-check (what the pre-check must always agree with).</summary>
    internal static string? DangerousSchemeRead(ReadOnlySpan<byte> value, bool urlAttribute)
    {
        foreach (var scheme in s_scriptSchemes)
        {
            if (StartsWith(value, scheme))
            {
                return scheme;
            }
        }

        if (urlAttribute && StartsWith(value, "data:") && !IsRasterImage(value))
        {
            return "data:";
        }

        return null;
    }

    private static bool IsRasterImage(ReadOnlySpan<byte> value)
    {
        foreach (var type in (ReadOnlySpan<string>)["data:image/png", "data:image/jpeg", "data:image/jpg", "data:image/gif", "data:image/webp", "data:image/bmp", "data:image/avif", "data:image/x-icon"])
        {
            if (StartsWith(value, type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Prefix test as a browser reads a URL attribute: references decoded, case folded, controls ignored.</summary>
    public static bool StartsWith(ReadOnlySpan<byte> value, string lowerPrefix)
    {
        var reader = new HtmlCharReader(value);
        reader.SkipLeadingSpace();
        foreach (char expected in lowerPrefix)
        {
            if (reader.NextVisible() != expected)
            {
                return false;
            }
        }

        return true;
    }
}
