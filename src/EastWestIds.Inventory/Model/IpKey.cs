using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace EastWestIds.Inventory.Model;

/// <summary>
/// An IP address as a value: 128 bits plus the family, so that pod lookups and CIDR checks on the request path
/// need no <see cref="IPAddress"/> object. IPv4-mapped IPv6 addresses (<c>::ffff:10.0.0.1</c>, what a dual-stack
/// socket reports for an IPv4 peer) are folded into IPv4 so both spellings of one peer compare equal.
/// </summary>
public readonly record struct IpKey
{
    private readonly UInt128 _bits;
    private readonly byte _family; // 0 = none, 4, 6

    private IpKey(UInt128 bits, byte family)
    {
        _bits = bits;
        _family = family;
    }

    /// <summary>No address (unknown or not given).</summary>
    public static IpKey None => default;

    /// <summary>True when an address is present.</summary>
    public bool HasValue => _family != 0;

    /// <summary>True for IPv4 (including folded IPv4-mapped IPv6).</summary>
    public bool IsV4 => _family == 4;

    /// <summary>The address bits: IPv4 in the low 32 bits, IPv6 as the full 128 bits (big-endian order).</summary>
    public UInt128 Bits => _bits;

    /// <summary>Address length in bits (32 or 128), 0 when absent.</summary>
    public int BitLength => _family switch { 4 => 32, 6 => 128, _ => 0 };

    /// <summary>An IPv4 address from its 32 bits (network order as an integer).</summary>
    public static IpKey FromV4(uint bits) => new(bits, 4);

    /// <summary>An IPv6 address from its 128 bits; IPv4-mapped addresses become IPv4.</summary>
    public static IpKey FromV6(UInt128 bits)
    {
        if ((bits >> 32) == 0xFFFF)
        {
            return new IpKey(bits & 0xFFFF_FFFF, 4);
        }

        return new IpKey(bits, 6);
    }

    /// <summary>Converts an <see cref="IPAddress"/>.</summary>
    public static IpKey From(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int written);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return FromV4(BinaryPrimitives.ReadUInt32BigEndian(bytes));
        }

        return FromV6(BinaryPrimitives.ReadUInt128BigEndian(bytes[..written]));
    }

    /// <summary>
    /// Parses an IPv4 dotted quad without allocating, or an IPv6 literal (brackets allowed) through
    /// <see cref="IPAddress"/> (one allocation; IPv6 peers are rare east-west).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpKey key)
    {
        key = default;
        text = text.Trim();
        if (text.Length == 0)
        {
            return false;
        }

        if (TryParseV4(text, out uint v4))
        {
            key = FromV4(v4);
            return true;
        }

        if (text[0] == '[' && text[^1] == ']')
        {
            text = text[1..^1];
        }

        if (text.IndexOf(':') < 0 || !IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        if (address.ScopeId != 0)
        {
            return false; // a zone id (fe80::1%eth0) names a link, not a pod
        }

        key = From(address);
        return true;
    }

    /// <summary>Parses ASCII bytes (a header value) the same way as <see cref="TryParse(ReadOnlySpan{char}, out IpKey)"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> ascii, out IpKey key)
    {
        key = default;
        if (ascii.Length is 0 or > 64)
        {
            return false;
        }

        Span<char> chars = stackalloc char[ascii.Length];
        for (int i = 0; i < ascii.Length; i++)
        {
            if (ascii[i] > 0x7F)
            {
                return false;
            }

            chars[i] = (char)ascii[i];
        }

        return TryParse(chars, out key);
    }

    private static bool TryParseV4(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        int octets = 0;
        int i = 0;
        while (true)
        {
            int start = i;
            uint octet = 0;
            while (i < text.Length && (uint)(text[i] - '0') <= 9)
            {
                octet = octet * 10 + (uint)(text[i] - '0');
                i++;
                if (i - start > 3)
                {
                    return false;
                }
            }

            // no empty octet, no leading zeros ("010" is octal to some parsers: refuse the ambiguity)
            if (i == start || octet > 255 || (i - start > 1 && text[start] == '0'))
            {
                return false;
            }

            value = (value << 8) | octet;
            octets++;
            if (i == text.Length)
            {
                return octets == 4;
            }

            if (text[i] != '.' || octets == 4)
            {
                return false;
            }

            i++;
        }
    }

    /// <summary>Converts back to an <see cref="IPAddress"/> (allocates; for output only).</summary>
    public IPAddress? ToIPAddress()
    {
        if (_family == 0)
        {
            return null;
        }

        if (_family == 4)
        {
            Span<byte> v4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)_bits);
            return new IPAddress(v4);
        }

        Span<byte> v6 = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(v6, _bits);
        return new IPAddress(v6);
    }

    /// <inheritdoc />
    public override string ToString() => ToIPAddress()?.ToString() ?? "";
}
