using System.Buffers;
using EastWestIds.Signatures.Detectors;

namespace EastWestIds.Signatures.Tests.Detectors;

/// <summary>
/// <see cref="ByteSet"/> tests the first bytes of a search one by one and hands the rest to a vectorized search; both
/// halves, and the seam between them, must give what one vectorized search over the whole run gives.
/// </summary>
public sealed class ByteSetTests
{
    [Fact]
    public void Searches_agree_with_SearchValues_from_every_start_on_short_long_and_empty_runs()
    {
        byte[] members = " \t\n\r\f/>="u8.ToArray();
        var set = new ByteSet(members);
        SearchValues<byte> reference = SearchValues.Create(members);
        var random = new Random(14);
        for (int trial = 0; trial < 2_000; trial++)
        {
            // runs of members and non-members of every length around the 16-byte seam
            var input = new byte[random.Next(0, 80)];
            for (int i = 0; i < input.Length;)
            {
                bool member = random.Next(2) == 0;
                for (int run = random.Next(1, 40); run > 0 && i < input.Length; run--, i++)
                {
                    input[i] = member ? members[random.Next(members.Length)] : (byte)random.Next(256);
                }
            }

            for (int from = 0; from <= input.Length + 1; from++)
            {
                ReadOnlySpan<byte> rest = input.AsSpan(Math.Min(from, input.Length));
                int any = rest.IndexOfAny(reference), except = rest.IndexOfAnyExcept(reference);
                Assert.Equal(any < 0 ? input.Length : from + any, set.IndexOfAny(input, from));
                Assert.Equal(except < 0 ? input.Length : from + except, set.IndexOfAnyExcept(input, from));
            }
        }
    }
}
