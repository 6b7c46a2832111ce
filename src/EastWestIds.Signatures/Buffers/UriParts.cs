namespace EastWestIds.Signatures.Buffers;

/// <summary>Splits a request-target (RFC 9112 §3.2) into the parts the buffers need, without allocating.</summary>
internal static class UriParts
{
    /// <summary>
    /// The <c>scheme://authority</c> prefix length of an absolute-form target (<c>http://h/p</c>), else 0. Only a
    /// target that starts with a letter and contains <c>://</c> before any <c>/</c>, <c>?</c> is absolute-form.
    /// </summary>
    public static int AbsolutePrefixLength(ReadOnlySpan<byte> target)
    {
        int colon = target.IndexOf("://"u8);
        if (colon <= 0 || target[..colon].IndexOfAny((byte)'/', (byte)'?') >= 0 || !char.IsAsciiLetter((char)target[0]))
        {
            return 0;
        }

        int authorityStart = colon + 3;
        int end = target[authorityStart..].IndexOfAny((byte)'/', (byte)'?');
        return end < 0 ? target.Length : authorityStart + end;
    }

    /// <summary>The authority of an absolute-form target (<c>user@host:port</c>), else empty.</summary>
    public static ReadOnlySpan<byte> Authority(ReadOnlySpan<byte> target)
    {
        int prefix = AbsolutePrefixLength(target);
        if (prefix == 0)
        {
            return default;
        }

        int start = target.IndexOf("://"u8) + 3;
        return target[start..prefix];
    }

    /// <summary>The host of an authority: no userinfo, no port, brackets of an IPv6 literal kept.</summary>
    public static ReadOnlySpan<byte> HostWithoutPort(ReadOnlySpan<byte> authority)
    {
        int at = authority.LastIndexOf((byte)'@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        authority = authority.Trim(" \t"u8);
        if (!authority.IsEmpty && authority[0] == (byte)'[')
        {
            int close = authority.IndexOf((byte)']');
            return close < 0 ? authority : authority[..(close + 1)];
        }

        int colon = authority.LastIndexOf((byte)':');
        return colon < 0 ? authority : authority[..colon];
    }
}
