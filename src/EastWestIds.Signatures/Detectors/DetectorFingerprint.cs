using System.Runtime.InteropServices;

namespace EastWestIds.Signatures.Detectors;

/// <summary>
/// A detector's evidence in eight inline bytes: for SQL the folded token types (<c>s&amp;1o1c</c> is a closed string,
/// a logic operator, a number, an operator, a number and a comment), for XSS the lower-cased name of the
/// dangerous tag, attribute or scheme (cut at eight bytes). Unmanaged and allocation-free; only
/// <see cref="ToString"/> makes a string, for alert output.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct DetectorFingerprint : IEquatable<DetectorFingerprint>
{
    /// <summary>How many bytes a fingerprint holds.</summary>
    public const int Capacity = 8;

    // byte i of the fingerprint is bits 8*i..8*i+7; unused bytes are zero (no token type or name byte is zero)
    private readonly ulong _packed;
    private readonly byte _length;

    internal DetectorFingerprint(FingerprintKind kind, ulong packed, int length)
    {
        Kind = kind;
        _packed = packed;
        _length = (byte)length;
    }

    /// <summary>What the bytes describe.</summary>
    public FingerprintKind Kind { get; }

    /// <summary>Number of bytes used (0 to <see cref="Capacity"/>).</summary>
    public int Length => _length;

    /// <summary>The packed bytes, first byte lowest; the key the SQL fingerprint set is searched by.</summary>
    internal ulong Packed => _packed;

    /// <summary>Byte <paramref name="index"/> of the fingerprint.</summary>
    public byte this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_length, nameof(index));
            return (byte)(_packed >> (8 * index));
        }
    }

    /// <summary>Builds a fingerprint from ASCII bytes (at most <see cref="Capacity"/> are kept; upper case is lowered for HTML kinds).</summary>
    internal static DetectorFingerprint FromName(FingerprintKind kind, ReadOnlySpan<byte> name)
    {
        ulong packed = 0;
        int length = 0;
        foreach (byte b in name)
        {
            if (length == Capacity)
            {
                break;
            }

            byte c = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
            if (c is < 0x21 or > 0x7E)
            {
                c = (byte)'?'; // evidence stays printable ASCII whatever the attacker sent
            }

            packed |= (ulong)c << (8 * length);
            length++;
        }

        return new DetectorFingerprint(kind, packed, length);
    }

    /// <summary>Writes the fingerprint text (without the kind) into <paramref name="destination"/>.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        if (destination.Length < _length)
        {
            charsWritten = 0;
            return false;
        }

        for (int i = 0; i < _length; i++)
        {
            destination[i] = (char)(byte)(_packed >> (8 * i));
        }

        charsWritten = _length;
        return true;
    }

    /// <summary>The fingerprint text, e.g. <c>s&amp;1o1c</c> or <c>onerror</c>.</summary>
    public override string ToString()
    {
        Span<char> text = stackalloc char[Capacity];
        TryFormat(text, out int written);
        return new string(text[..written]);
    }

    /// <inheritdoc />
    public bool Equals(DetectorFingerprint other) => _packed == other._packed && _length == other._length && Kind == other.Kind;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DetectorFingerprint other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_packed, _length, Kind);

    /// <summary>Equality by kind and bytes.</summary>
    public static bool operator ==(DetectorFingerprint left, DetectorFingerprint right) => left.Equals(right);

    /// <summary>Inequality by kind and bytes.</summary>
    public static bool operator !=(DetectorFingerprint left, DetectorFingerprint right) => !left.Equals(right);
}
