using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Tests.Model;

public sealed class AlertCursorTests
{
    [Theory]
    [InlineData(0L, 1L)]
    [InlineData(1_700_000_000_000_000L, 42L)]
    [InlineData(-5L, long.MaxValue)]
    public void Encode_ThenTryParse_RoundTrips(long micros, long id)
    {
        var cursor = new AlertCursor(micros, id);

        Assert.True(AlertCursor.TryParse(cursor.Encode(), out var parsed));
        Assert.Equal(cursor, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("AQ")]
    [InlineData("AgAAAAAAAAAAAAAAAAAAAAE")] // version 2
    [InlineData("AQAAAAAAAAAAAAAAAAAAAAAA")] // too long by one byte
    [InlineData("AQAAAAAAAAAA/////////////w")] // negative id
    public void TryParse_NotOurs_False(string? text)
    {
        Assert.False(AlertCursor.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_VeryLongInput_FalseWithoutDecoding()
    {
        Assert.False(AlertCursor.TryParse(new string('A', 100_000), out _));
    }
}
