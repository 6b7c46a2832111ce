using System.Text;
using EastWestIds.Signatures.Buffers;

namespace EastWestIds.Signatures.Tests.Buffers;

public sealed class BinaryBodyTextTests
{
    [Fact]
    public void IsBinary_NeedsEnoughControlBytes_TextNeverIs()
    {
        Assert.False(BinaryBodyText.IsBinary("{\"name\": \"Zoë O'Brien\", \"note\": \"tab\\tand\\r\\nlines\"}"u8));
        Assert.False(BinaryBodyText.IsBinary(Encoding.Latin1.GetBytes("prix élevé, façade, garçon")));
        Assert.False(BinaryBodyText.IsBinary("file=../../etc/passwd\0.png&x=\u0001"u8)); // a few stray controls: still text
        Assert.True(BinaryBodyText.IsBinary("\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007 eight control bytes"u8));

        // Past 512 bytes, one control byte in 64 is needed: eight in a 4 KiB text body do not make it binary.
        byte[] large = Encoding.ASCII.GetBytes(new string('a', 4096));
        for (int i = 0; i < 8; i++)
        {
            large[i * 500] = 1;
        }

        Assert.False(BinaryBodyText.IsBinary(large));
        for (int i = 0; i < 64; i++)
        {
            large[i * 64 + 3] = 0;
        }

        Assert.True(BinaryBodyText.IsBinary(large));
    }

    [Fact]
    public void Extract_KeepsRunsOfSixteenOrMore_OnePerLine()
    {
        byte[] value = [0x89, .. "PNG\r\n"u8, 0x1A, .. "short run"u8, 0, 0, .. "<?php system($_GET['c']); ?>"u8, 0xFF, 0xFE,
            .. "Zoë: a long UTF-8 run"u8, 0x00];
        var output = new byte[value.Length];

        int written = BinaryBodyText.Extract(value, output);

        Assert.Equal("<?php system($_GET['c']); ?>\nZoë: a long UTF-8 run", Encoding.UTF8.GetString(output, 0, written));
    }

    [Fact]
    public void Extract_OfText_IsTheTextItself()
    {
        byte[] text = "{\"html\": \"<p>Hello</p>\",\n\t\"price\": \"12,50 €\"}"u8.ToArray();
        var output = new byte[text.Length];

        Assert.Equal(text, output.AsSpan(0, BinaryBodyText.Extract(text, output)).ToArray());
    }

    [Fact]
    public void Extract_OfRandomBytes_KeepsAlmostNothing_AndNeverWritesMoreThanItReads()
    {
        // Random bytes are text with probability ~0.4 per byte, so a run of sixteen is rare: what code-like patterns
        // could match by chance is gone. Malformed UTF-8 (lone continuation bytes, overlongs, surrogates) is not text.
        var random = new Random(30);
        long kept = 0, total = 0;
        for (int trial = 0; trial < 50; trial++)
        {
            var value = new byte[random.Next(1, 65536)];
            random.NextBytes(value);
            var output = new byte[value.Length];
            int written = BinaryBodyText.Extract(value, output);
            Assert.InRange(written, 0, value.Length);
            kept += written;
            total += value.Length;
        }

        Assert.True(kept * 1000 < total, $"{kept} of {total} random bytes kept as text");
        var sink = new byte[16];
        Assert.Equal(0, BinaryBodyText.Extract([0xC0, 0xAF, 0xED, 0xA0, 0x80, 0x80, 0xF8, 0x88, 0x80, 0x80, 0x80], sink));
    }

    [Fact]
    public void Extract_AgreesWithTheCharByCharReading_OnBinaryTextAndMixedValues()
    {
        // Extract reads only the stretches its break mask leaves long enough; the char-by-char reading of the whole
        // value is the reference. Values mix random bytes with runs of ASCII and of UTF-8 (well-formed, overlong,
        // surrogate, truncated), control bytes and lone continuation bytes, at every length around the 16-byte run,
        // the 32-byte vector and the 64-bit word.
        var random = new Random(1130);
        byte[][] pieces =
        [
            "text run of ascii "u8.ToArray(), "Zoë, façade, 12,50 €, 日本語, 😀"u8.ToArray(), [0xC0, 0xAF], [0xED, 0xA0, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80, 0x80], [0xC2], "\t\r\n"u8.ToArray(), [0], [0x7F], [0x1B],
            "<?php system($_GET['c']); ?>"u8.ToArray(),
        ];
        int compared = 0;
        ulong[] scratch = [];
        for (int trial = 0; trial < 3000; trial++)
        {
            var value = new List<byte>();
            int length = trial < 200 ? trial : random.Next(0, trial % 10 == 0 ? 70_000 : 300);
            while (value.Count < length)
            {
                if (random.Next(3) == 0)
                {
                    value.AddRange(pieces[random.Next(pieces.Length)].Take(random.Next(1, 40)));
                }
                else
                {
                    value.Add((byte)random.Next(256));
                }
            }

            byte[] bytes = [.. value];
            if (scratch.Length < BinaryBodyText.BreakWords(bytes.Length))
            {
                scratch = new ulong[BinaryBodyText.BreakWords(bytes.Length)];
                Array.Fill(scratch, 0xA5A5A5A5A5A5A5A5UL);
            }

            var expected = new byte[bytes.Length + 1];
            var actual = new byte[bytes.Length + 1];
            int expectedLength = BinaryBodyText.ExtractByChar(bytes, expected);
            int actualLength = BinaryBodyText.Extract(bytes, actual);
            Assert.True(expected.AsSpan(0, expectedLength).SequenceEqual(actual.AsSpan(0, actualLength)),
                $"trial {trial}, {bytes.Length} bytes: {expectedLength} bytes by char, {actualLength} by stretches");

            // the matcher's way: one scratch for every body, left as the previous one filled it (its contents must not matter)
            int scratchLength = BinaryBodyText.Extract(bytes, actual, scratch);
            Assert.True(expected.AsSpan(0, expectedLength).SequenceEqual(actual.AsSpan(0, scratchLength)), $"trial {trial}: with a reused scratch");
            compared += expectedLength > 0 ? 1 : 0;
        }

        Assert.True(compared > 500, $"only {compared} values had runs to compare");
    }

    [Fact]
    public void BreakMask_ByVectors_AgreesWithTheRuleForEachByte()
    {
        var random = new Random(77);
        for (int trial = 0; trial < 500; trial++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            if (trial % 2 == 0)
            {
                // mostly high bytes, so continuation and lead rules meet their neighbours at vector edges too
                for (int i = 0; i < bytes.Length; i++)
                {
                    bytes[i] |= 0x80;
                }
            }

            var breaks = new ulong[bytes.Length / 64 + 2];
            BinaryBodyText.BreakMask(bytes, breaks);
            for (int i = 0; i < breaks.Length * 64; i++)
            {
                bool expected = i >= bytes.Length
                    || BinaryBodyText.IsBreak(i == 0 ? (byte)0 : bytes[i - 1], bytes[i], i + 1 < bytes.Length ? bytes[i + 1] : (byte)0);
                Assert.True(expected == ((breaks[i >> 6] >> (i & 63) & 1) != 0), $"trial {trial}, byte {i} of {bytes.Length}");
            }
        }
    }

    [Fact]
    public void IsBinary_CountsEveryControlByte_AtEveryLengthAndDensity()
    {
        // the vector count and its scalar tail against counting byte by byte, around the threshold of 8 and of one in 64
        var random = new Random(64);
        for (int trial = 0; trial < 3000; trial++)
        {
            var value = new byte[trial < 300 ? trial : random.Next(0, 9000)];
            int density = random.Next(1, 200);
            for (int i = 0; i < value.Length; i++)
            {
                value[i] = random.Next(density) == 0 ? (byte)random.Next(0, 32) : (byte)random.Next(32, 256);
            }

            int controls = value.Count(BinaryBodyText.IsControl);
            bool expected = controls >= Math.Max(BinaryBodyText.MinControlBytes, value.Length / BinaryBodyText.ControlShare);
            Assert.True(expected == BinaryBodyText.IsBinary(value), $"trial {trial}: {controls} control bytes in {value.Length}");
        }

        Assert.True(BinaryBodyText.IsControl(0x7F) && !BinaryBodyText.IsControl((byte)'\t') && !BinaryBodyText.IsControl((byte)'\r'));
    }
}
