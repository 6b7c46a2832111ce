using System.Runtime.CompilerServices;
using System.Text;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Matching;
using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>
/// The slot values <see cref="MatchScratch"/> serves: a value a transform leaves unchanged, or a buffer equal to its
/// twin, shares bytes, chars and classes with the value it equals; every value still reads as its own transform's
/// output. These fail when a variant is wrongly skipped (a changed value served as the original) or wrongly shared.
/// </summary>
public sealed class MatchScratchTests
{
    private static readonly TransformOption Lowercase = new(TransformKind.ToLowercase, null, "to_lowercase", default);
    private static readonly TransformOption Strip = new(TransformKind.StripWhitespace, null, "strip_whitespace", default);
    private static readonly TransformOption Dot = new(TransformKind.DotPrefix, null, "dotprefix", default);

    [Fact]
    public void TransformedSlot_ValueTheTransformChanges_ReadsAsTheTransformsOutput()
    {
        var raw = Slot(0, InspectionBuffer.HttpArg);
        var lower = Slot(1, InspectionBuffer.HttpArg, Lowercase);
        MatchScratch scratch = Scratch([raw, lower], new FakeBuffers().With(InspectionBuffer.HttpArg, "abc", "ABC", "a B"));

        Assert.Equal(3, scratch.Prepare(lower, chars: true));
        Assert.Equal(3, scratch.Prepare(raw, chars: true));
        Assert.Equal(["abc", "abc", "a b"], Values(scratch, lower));
        Assert.Equal(["abc", "ABC", "a B"], Values(scratch, raw));
        Assert.Equal(["abc", "abc", "a b"], CharValues(scratch, lower));
        Assert.Equal(["abc", "ABC", "a B"], CharValues(scratch, raw));
    }

    [Fact]
    public void BinaryBody_TransformedSlotsReadItsTextRuns_TheRawSlotItsBytes()
    {
        // Every transformed body slot reads the text runs (worked out once), each through its own transforms; the
        // untransformed slot keeps the bytes as sent. Between the runs: control bytes enough to make the body binary.
        var raw = Slot(0, InspectionBuffer.HttpRequestBody);
        var lower = Slot(1, InspectionBuffer.HttpRequestBody, Lowercase);
        var strip = Slot(2, InspectionBuffer.HttpRequestBody, Strip);
        string junk = "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000e";
        string body = junk + "<?PHP System('id'); ?>" + junk + "ab" + junk + "Second Run Of Text" + junk;
        MatchScratch scratch = Scratch([raw, lower, strip], new FakeBuffers().With(InspectionBuffer.HttpRequestBody, body));

        scratch.Prepare(lower, chars: true);
        scratch.Prepare(strip, chars: true);
        scratch.Prepare(raw, chars: true);
        Assert.Equal(["<?php system('id'); ?>\nsecond run of text"], CharValues(scratch, lower));
        Assert.Equal(["<?PHPSystem('id');?>SecondRunOfText"], CharValues(scratch, strip));
        Assert.Equal([body], CharValues(scratch, raw));
    }

    [Fact]
    public void TransformedSlot_ChainThatEndsWhereItStarted_IsNotMistakenForTheInput()
    {
        // strip then dotprefix: " x" -> "x" -> ".x" has the input's length but not its bytes
        var raw = Slot(0, InspectionBuffer.HttpUri);
        var chain = Slot(1, InspectionBuffer.HttpUri, Strip, Dot);
        MatchScratch scratch = Scratch([raw, chain], FakeBuffers.Uri(" x"));

        scratch.Prepare(raw, chars: true);
        scratch.Prepare(chain, chars: true);
        Assert.Equal([".x"], Values(scratch, chain));
        Assert.Equal([".x"], CharValues(scratch, chain));
        Assert.Equal([" x"], CharValues(scratch, raw));
    }

    [Fact]
    public void SharedValue_WidenedThroughEitherSlot_ReadsTheSameChars()
    {
        var raw = Slot(0, InspectionBuffer.HttpUri);
        var lower = Slot(1, InspectionBuffer.HttpUri, Lowercase);
        MatchScratch scratch = Scratch([raw, lower], FakeBuffers.Uri("/already/lower"));

        // the transformed slot is widened first, the untransformed one never asks for chars until after it
        scratch.Prepare(lower, chars: true);
        scratch.Prepare(raw, chars: true);
        Assert.Equal(["/already/lower"], CharValues(scratch, lower));
        Assert.Equal(["/already/lower"], CharValues(scratch, raw));
    }

    [Fact]
    public void Classes_OfValuesAChangingTransformProduced_AreTheirOwn()
    {
        var raw = Slot(0, InspectionBuffer.HttpArg);
        var strip = Slot(1, InspectionBuffer.HttpArg, Strip);
        MatchScratch scratch = Scratch([raw, strip], new FakeBuffers().With(InspectionBuffer.HttpArg, "a b", "ab"));

        Assert.NotEqual(0UL, scratch.SlotClasses(raw) & CharClasses.Of((byte)' '));
        Assert.Equal(0UL, scratch.SlotClasses(strip) & CharClasses.Of((byte)' '));
        Assert.Equal(CharClasses.Of("ab"), scratch.Classes(strip, 0));
        Assert.Equal(CharClasses.Of("ab"), scratch.Classes(strip, 1));
        Assert.Equal(CharClasses.Of("a b"), scratch.Classes(raw, 0));
    }

    [Fact]
    public void TwinBuffers_WithDifferentBytes_EachReadTheirOwn()
    {
        var header = Slot(0, InspectionBuffer.HttpHeader);
        var raw = Slot(1, InspectionBuffer.HttpHeaderRaw);
        var buffers = new FakeBuffers()
            .With(InspectionBuffer.HttpHeader, "Host: a\r\n")
            .With(InspectionBuffer.HttpHeaderRaw, "Host: a\r\nCookie: s=1\r\n");
        MatchScratch scratch = Scratch([header, raw], buffers);

        scratch.Prepare(header, chars: true);
        scratch.Prepare(raw, chars: true);
        Assert.Equal(["Host: a\r\nCookie: s=1\r\n"], CharValues(scratch, raw));
        Assert.Equal(["Host: a\r\n"], CharValues(scratch, header));
        Assert.NotEqual(scratch.SlotClasses(header), scratch.SlotClasses(raw));
    }

    [Fact]
    public void TwinBuffers_WithEqualBytes_AreServedFromOneCopy()
    {
        var header = Slot(0, InspectionBuffer.HttpHeader);
        var raw = Slot(1, InspectionBuffer.HttpHeaderRaw);
        var buffers = new FakeBuffers()
            .With(InspectionBuffer.HttpHeader, "Host: a\r\n")
            .With(InspectionBuffer.HttpHeaderRaw, "Host: a\r\n");
        MatchScratch scratch = Scratch([header, raw], buffers);

        scratch.Prepare(header, chars: true);
        scratch.Prepare(raw, chars: true);
        Assert.Equal(["Host: a\r\n"], CharValues(scratch, raw));
        Assert.True(Unsafe.AreSame(in scratch.Bytes(header, 0)[0], in scratch.Bytes(raw, 0)[0]));
        Assert.True(Unsafe.AreSame(in scratch.Chars(header, 0)[0], in scratch.Chars(raw, 0)[0]));
    }

    [Fact]
    public void UnchangedByTransform_SharesTheSourceBytes()
    {
        var raw = Slot(0, InspectionBuffer.HttpUri);
        var lower = Slot(1, InspectionBuffer.HttpUri, Lowercase);
        MatchScratch scratch = Scratch([raw, lower], FakeBuffers.Uri("/a"));

        scratch.Prepare(raw, chars: false);
        scratch.Prepare(lower, chars: false);
        Assert.True(Unsafe.AreSame(in scratch.Bytes(raw, 0)[0], in scratch.Bytes(lower, 0)[0]));
    }

    [Fact]
    public void EachBuffer_IsReadFromTheBuffersOncePerRequest()
    {
        var raw = Slot(0, InspectionBuffer.HttpArg);
        var lower = Slot(1, InspectionBuffer.HttpArg, Lowercase);
        var strip = Slot(2, InspectionBuffer.HttpArg, Strip);
        var buffers = new FakeBuffers().With(InspectionBuffer.HttpArg, "A b", "c");
        MatchScratch scratch = Scratch([raw, lower, strip], buffers);

        scratch.Prepare(lower, chars: true);
        int calls = buffers.GetCalls;
        Assert.True(calls > 0);
        scratch.Prepare(strip, chars: true);
        scratch.Prepare(raw, chars: true);
        Assert.Equal(calls, buffers.GetCalls);
        Assert.Equal(["a b", "c"], Values(scratch, lower));
        Assert.Equal(["Ab", "c"], Values(scratch, strip));
        Assert.Equal(["A b", "c"], Values(scratch, raw));

        scratch.Reset(buffers);
        scratch.Prepare(strip, chars: false);
        Assert.Equal(2 * calls, buffers.GetCalls);
    }

    [Fact]
    public void ValuesLargerThanTheArena_AreCopiedWhole()
    {
        string big = new('a', 10_000), other = new('b', 9_000);
        var uri = Slot(0, InspectionBuffer.HttpUri);
        var args = Slot(1, InspectionBuffer.HttpArg);
        var lower = Slot(2, InspectionBuffer.HttpArg, Lowercase);
        var buffers = new FakeBuffers().With(InspectionBuffer.HttpUri, big).With(InspectionBuffer.HttpArg, other, "X" + big);
        MatchScratch scratch = Scratch([uri, args, lower], buffers);

        Assert.Equal([big], CharValues(scratch, uri));
        Assert.Equal([other, "X" + big], CharValues(scratch, args));
        Assert.Equal([other, "x" + big], CharValues(scratch, lower));
    }

    private static InspectionSlot Slot(int index, InspectionBuffer buffer, params TransformOption[] transforms) =>
        new(index, buffer, transforms, buffer + string.Concat(transforms.Select(t => "; " + t.Keyword)));

    private static MatchScratch Scratch(InspectionSlot[] slots, FakeBuffers buffers)
    {
        var scratch = new MatchScratch(slots, TestEngine.Transform);
        scratch.Reset(buffers);
        return scratch;
    }

    private static string[] Values(MatchScratch scratch, InspectionSlot slot) =>
        [.. Enumerable.Range(0, scratch.Prepare(slot, chars: false)).Select(v => Encoding.Latin1.GetString(scratch.Bytes(slot, v)))];

    private static string[] CharValues(MatchScratch scratch, InspectionSlot slot) =>
        [.. Enumerable.Range(0, scratch.Prepare(slot, chars: true)).Select(v => new string(scratch.Chars(slot, v)))];
}
