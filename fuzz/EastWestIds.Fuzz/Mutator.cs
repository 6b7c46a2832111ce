namespace EastWestIds.Fuzz;

/// <summary>
/// Havoc-style mutations in the manner of AFL++ (bit flips, interesting bytes, dictionary tokens, deletions,
/// duplications, splices with another input), stacked one to eight deep, from a seeded <see cref="Random"/>: the test
/// suite's fixed share of fuzzing, the same inputs on every run. AFL++ itself, guided by coverage, goes much further
/// (<c>fuzz/run.sh</c>).
/// </summary>
internal sealed class Mutator(Random random, IReadOnlyList<byte[]> corpus, IReadOnlyList<byte[]> tokens)
{
    private static readonly byte[] Interesting = [0, 0x7f, 0x80, 0xff, (byte)'\r', (byte)'\n', (byte)' ', (byte)'\t', (byte)'%',
        (byte)'"', (byte)'\'', (byte)'\\', (byte)'<', (byte)'>', (byte)'{', (byte)'}', (byte)'[', (byte)':', (byte)';', (byte)'=', (byte)'&', 0xc0, 0xe0, 0xf0];

    /// <summary>A mutant of a random corpus input, at most <paramref name="maxLength"/> bytes.</summary>
    public byte[] Next(int maxLength)
    {
        var data = new List<byte>(corpus[random.Next(corpus.Count)]);
        int steps = 1 << random.Next(4);
        for (int step = 0; step < steps; step++)
        {
            Mutate(data);
        }

        return data.Count > maxLength ? [.. data.GetRange(0, maxLength)] : [.. data];
    }

    private void Mutate(List<byte> data)
    {
        int at = random.Next(data.Count + 1);
        switch (random.Next(9))
        {
            case 0 when data.Count > 0:
                data[Math.Min(at, data.Count - 1)] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[Math.Min(at, data.Count - 1)] = Interesting[random.Next(Interesting.Length)];
                break;
            case 2 when data.Count > 0:
                data[Math.Min(at, data.Count - 1)] = (byte)random.Next(256);
                break;
            case 3 when tokens.Count > 0:
                data.InsertRange(at, tokens[random.Next(tokens.Count)]);
                break;
            case 4 when tokens.Count > 0:
                byte[] token = tokens[random.Next(tokens.Count)];
                for (int i = 0; i < token.Length && at + i < data.Count; i++)
                {
                    data[at + i] = token[i];
                }

                break;
            case 5 when data.Count > 1:
                int start = random.Next(data.Count);
                data.RemoveRange(start, random.Next(1, Math.Min(32, data.Count - start) + 1));
                break;
            case 6 when data.Count > 1:
                int from = random.Next(data.Count);
                int length = random.Next(1, Math.Min(64, data.Count - from) + 1);
                data.InsertRange(at, data.GetRange(from, length));
                break;
            case 7:
                byte[] other = corpus[random.Next(corpus.Count)];
                int cut = random.Next(other.Length + 1);
                data.RemoveRange(at, data.Count - at);
                data.AddRange(other.AsSpan(cut).ToArray());
                break;
            default:
                data.Insert(at, Interesting[random.Next(Interesting.Length)]);
                break;
        }
    }
}
