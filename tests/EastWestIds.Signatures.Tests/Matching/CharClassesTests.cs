using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>
/// <see cref="CharClasses.Of(ReadOnlySpan{byte})"/> against the union of each byte's class: the unrolled loop, its tail
/// and its early return once every class is present must all give exactly that.
/// </summary>
public sealed class CharClassesTests
{
    [Fact]
    public void Of_IsTheUnionOfEachBytesClass_AtEveryLength_AndAfterEveryClassIsPresent()
    {
        var random = new Random(41);
        for (int trial = 0; trial < 2000; trial++)
        {
            int length = trial < 600 ? trial : random.Next(0, 5000);
            var value = new byte[length];
            if (trial % 3 == 0)
            {
                random.NextBytes(value); // all classes soon: the early return
            }
            else
            {
                // text, with at most one byte of a rarer class somewhere (near the end too, past every saturation check)
                for (int i = 0; i < length; i++)
                {
                    value[i] = (byte)random.Next('a', 'z' + 1);
                }

                if (length > 0)
                {
                    value[trial % 2 == 0 ? length - 1 : random.Next(length)] = (byte)random.Next(256);
                }
            }

            ulong expected = value.Aggregate(0UL, (union, b) => union | CharClasses.Of(b));
            Assert.Equal(expected, CharClasses.Of(value));
        }
    }

    [Fact]
    public void Of_AValueWithEveryClassButOne_StillFindsTheLastAtTheEnd()
    {
        // every byte value once (all 41 classes) but NUL, then 10 KiB of letters, then the NUL
        byte[] value = [.. Enumerable.Range(1, 255).Select(b => (byte)b), .. Enumerable.Repeat((byte)'x', 10_240), 0];

        Assert.Equal(Enumerable.Range(0, 256).Aggregate(0UL, (union, b) => union | CharClasses.Of((byte)b)), CharClasses.Of(value));
        Assert.NotEqual(CharClasses.Of(value.AsSpan(0, value.Length - 1)), CharClasses.Of(value));
    }
}
