using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace EastWestIds.Identity.Xfcc;

/// <summary>The allocating side of <see cref="XfccParser"/>: whole elements as strings (tests, UI, evidence).</summary>
public static partial class XfccParser
{
    /// <summary>Parses every element of <paramref name="header"/>, or throws <see cref="XfccFormatException"/>.</summary>
    /// <param name="header">The header value.</param>
    /// <returns>The elements, leftmost (oldest hop) first.</returns>
    public static IReadOnlyList<XfccElement> Parse(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Parse(Encoding.UTF8.GetBytes(header));
    }

    /// <summary>Parses every element of UTF-8 <paramref name="header"/>, or throws <see cref="XfccFormatException"/>.</summary>
    /// <param name="header">The header value.</param>
    /// <returns>The elements, leftmost (oldest hop) first.</returns>
    public static IReadOnlyList<XfccElement> Parse(ReadOnlySpan<byte> header)
    {
        if (!TryParse(header, out var elements, out var error))
        {
            throw new XfccFormatException(error);
        }

        return elements;
    }

    /// <summary>Parses every element of <paramref name="header"/>.</summary>
    /// <param name="header">The header value.</param>
    /// <param name="elements">The elements on success.</param>
    /// <param name="error">Why the header was rejected, or <see cref="XfccError.None"/>.</param>
    /// <returns>True when the header is well-formed (exactly when <see cref="Summarize"/> reports no error).</returns>
    public static bool TryParse(string header, [NotNullWhen(true)] out IReadOnlyList<XfccElement>? elements, out XfccError error)
    {
        ArgumentNullException.ThrowIfNull(header);
        return TryParse(Encoding.UTF8.GetBytes(header), out elements, out error);
    }

    /// <summary>Parses every element of UTF-8 <paramref name="header"/>.</summary>
    /// <param name="header">The header value.</param>
    /// <param name="elements">The elements on success.</param>
    /// <param name="error">Why the header was rejected, or <see cref="XfccError.None"/>.</param>
    /// <returns>True when the header is well-formed (exactly when <see cref="Summarize"/> reports no error).</returns>
    public static bool TryParse(ReadOnlySpan<byte> header, [NotNullWhen(true)] out IReadOnlyList<XfccElement>? elements, out XfccError error)
    {
        var tokenizer = new XfccTokenizer(header);
        var result = new List<XfccElement>();
        var builder = new ElementBuilder();

        while (tokenizer.Read(out var pair))
        {
            if (pair.StartsElement)
            {
                builder = new ElementBuilder();
            }

            string value = DecodeValue(header[pair.Value], pair.IsQuoted);
            switch (pair.Key)
            {
                case XfccKey.San:
                    builder.UsesLegacySan = true;
                    goto case XfccKey.Uri;
                case XfccKey.Uri:
                    if (value.Length > 0)
                    {
                        builder.Uri.Add(value);
                    }

                    break;
                case XfccKey.By: builder.By.Add(value); break;
                case XfccKey.Hash: builder.Hash = value; break;
                case XfccKey.Cert: builder.Cert = value; break;
                case XfccKey.Chain: builder.Chain = value; break;
                case XfccKey.Subject: builder.Subject = value; break;
                case XfccKey.Dns: builder.Dns.Add(value); break;
            }

            if (pair.EndsElement)
            {
                result.Add(builder.Build());
            }
        }

        error = tokenizer.Error;
        elements = error == XfccError.None ? result : null;
        return error == XfccError.None;
    }

    /// <summary>
    /// Decodes a value range from a pair: UTF-8, and for a quoted value Envoy's unescaping (<c>\"</c> → <c>"</c>,
    /// <c>\\</c> → <c>\</c>, every other backslash kept; §2.1). Bare values are returned as written.
    /// </summary>
    /// <param name="value">The value bytes, without surrounding quotes.</param>
    /// <param name="quoted">Whether the value was quoted in the header.</param>
    /// <returns>The decoded value.</returns>
    public static string DecodeValue(ReadOnlySpan<byte> value, bool quoted)
    {
        if (!quoted || !XfccTokenizer.NeedsUnescaping(value))
        {
            return Encoding.UTF8.GetString(value);
        }

        var buffer = new byte[value.Length];
        int length = 0;
        for (int i = 0; i < value.Length; i++)
        {
            byte b = value[i];
            if (b == (byte)'\\' && i + 1 < value.Length && (value[i + 1] == (byte)'"' || value[i + 1] == (byte)'\\'))
            {
                b = value[++i];
            }

            buffer[length++] = b;
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    private sealed class ElementBuilder
    {
        public List<string> By { get; } = new();

        public List<string> Uri { get; } = new();

        public List<string> Dns { get; } = new();

        public string? Hash { get; set; }

        public string? Cert { get; set; }

        public string? Chain { get; set; }

        public string? Subject { get; set; }

        public bool UsesLegacySan { get; set; }

        public XfccElement Build() => new(By, Hash, Cert, Chain, Subject, Uri, Dns, UsesLegacySan);
    }
}
