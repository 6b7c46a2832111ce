using System.Globalization;

namespace EastWestIds.Fuzz;

/// <summary>
/// The tokens of an AFL++ dictionary (<c>fuzz/dictionaries/TARGET.dict</c>): one <c>"…"</c> per line, with <c>\xNN</c>,
/// <c>\\</c> and <c>\"</c> escapes; <c>#</c> lines are comments. AFL++ inserts them while fuzzing, and
/// <see cref="Mutator"/> does the same for the test suite's fixed mutations.
/// </summary>
internal static class FuzzDictionary
{
    public static IReadOnlyList<byte[]> Load(string path)
    {
        var tokens = new List<byte[]>();
        if (!File.Exists(path))
        {
            return tokens;
        }

        foreach (string raw in File.ReadLines(path))
        {
            string line = raw.Trim();
            int open = line.IndexOf('"', StringComparison.Ordinal);
            if (line.StartsWith('#') || open < 0 || !line.EndsWith('"') || line.Length < open + 2)
            {
                continue;
            }

            tokens.Add(Unescape(line.AsSpan(open + 1, line.Length - open - 2)));
        }

        return tokens;
    }

    private static byte[] Unescape(ReadOnlySpan<char> text)
    {
        var bytes = new List<byte>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 >= text.Length)
            {
                bytes.Add((byte)text[i]);
            }
            else if (text[i + 1] == 'x' && i + 3 < text.Length)
            {
                bytes.Add(byte.Parse(text.Slice(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 3;
            }
            else
            {
                bytes.Add((byte)text[++i]);
            }
        }

        return [.. bytes];
    }
}
