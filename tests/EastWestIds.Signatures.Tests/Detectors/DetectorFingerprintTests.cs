using EastWestIds.Signatures.Detectors;

namespace EastWestIds.Signatures.Tests.Detectors;

public sealed class DetectorFingerprintTests
{
    [Fact]
    public void Names_are_lower_cased_printable_and_cut_at_capacity()
    {
        var fingerprint = DetectorFingerprint.FromName(FingerprintKind.HtmlEventHandler, "OnMouseOver\u0001"u8);
        Assert.Equal("onmouseo", fingerprint.ToString());
        Assert.Equal(DetectorFingerprint.Capacity, fingerprint.Length);
        Assert.Equal((byte)'o', fingerprint[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => fingerprint[8]);
        Assert.Equal("a?b", DetectorFingerprint.FromName(FingerprintKind.HtmlTag, "a\u0001b"u8).ToString());
    }

    [Fact]
    public void TryFormat_needs_room_for_every_byte()
    {
        var fingerprint = DetectorFingerprint.FromName(FingerprintKind.HtmlTag, "script"u8);
        Span<char> small = stackalloc char[5];
        Assert.False(fingerprint.TryFormat(small, out int written));
        Assert.Equal(0, written);
        Span<char> room = stackalloc char[8];
        Assert.True(fingerprint.TryFormat(room, out written));
        Assert.Equal("script", room[..written].ToString());
    }

    [Fact]
    public void Equality_includes_the_kind()
    {
        var a = DetectorFingerprint.FromName(FingerprintKind.HtmlTag, "x"u8);
        var b = DetectorFingerprint.FromName(FingerprintKind.HtmlTag, "x"u8);
        var c = DetectorFingerprint.FromName(FingerprintKind.HtmlAttribute, "x"u8);
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.True(a != c);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal("", default(DetectorFingerprint).ToString());
    }

    [Fact]
    public void Fingerprint_entries_with_bad_lengths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => SqlFingerprints.PackText(""));
        Assert.Throws<ArgumentException>(() => SqlFingerprints.PackText("123456789"));
    }
}
