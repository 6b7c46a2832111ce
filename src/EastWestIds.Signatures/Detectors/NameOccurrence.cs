using System.Buffers;
using System.Text;

namespace EastWestIds.Signatures.Detectors;

/// <summary>
/// Whether any of a few names occurs anywhere in a value, as one vectorized multi-string search
/// (<see cref="SearchValues{T}"/> of strings, over the value widened byte for char in stack chunks).
/// </summary>
/// <remarks>
/// Why: some readings of <c>detect_xss</c> walk a long value word by word and can only flag a word that is one of a
/// few names (the JavaScript sinks, the dangerous attribute names). When none of the names occurs in the value at all,
/// no word can be one, and the walk is skipped: ~10 ns a word of prose against a search at a fraction of a ns a byte.
/// Short values walk faster than the search sets up, so the readings ask only for values of
/// <see cref="WorthSearching"/> bytes or more. The answer is only "absent" or "maybe", never a match.
/// </remarks>
internal sealed class NameOccurrence
{
    /// <summary>Values shorter than this are walked without asking (the walk is cheaper than the search's setup).</summary>
    public const int WorthSearching = 64;

    private const int ChunkChars = 512;

    private readonly SearchValues<string> _names;
    private readonly int _overlap;

    /// <param name="names">ASCII names.</param>
    /// <param name="comparison"><see cref="StringComparison.Ordinal"/> or <see cref="StringComparison.OrdinalIgnoreCase"/>.</param>
    public NameOccurrence(IEnumerable<string> names, StringComparison comparison)
    {
        string[] all = [.. names];
        _names = SearchValues.Create(all, comparison);
        _overlap = all.Max(n => n.Length) - 1; // a name across two chunks is whole in the second
    }

    /// <summary>
    /// False when no name occurs in <paramref name="input"/> (read as Latin-1: a byte is the char of its value, so an
    /// ASCII name occurs in the chars where it occurs in the bytes); true when one may.
    /// </summary>
    public bool MayOccur(ReadOnlySpan<byte> input) => IndexOf(input, 0) >= 0;

    /// <summary>
    /// Where the first name occurring at or after <paramref name="from"/> in <paramref name="input"/> starts, or -1;
    /// with <see cref="StringComparison.OrdinalIgnoreCase"/> a position where a name may start.
    /// </summary>
    public int IndexOf(ReadOnlySpan<byte> input, int from)
    {
        Span<char> chars = stackalloc char[ChunkChars];
        for (int start = from; start < input.Length; start += ChunkChars - _overlap)
        {
            int length = Math.Min(ChunkChars, input.Length - start);
            Encoding.Latin1.GetChars(input.Slice(start, length), chars);
            int found = chars[..length].IndexOfAny(_names);
            if (found >= 0)
            {
                return start + found;
            }

            if (start + length >= input.Length)
            {
                break;
            }
        }

        return -1;
    }
}
