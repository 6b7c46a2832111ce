namespace EastWestIds.Storage.Tests.Fixtures;

internal static class Wait
{
    /// <summary>Polls until <paramref name="condition"/> holds; fails the test with <paramref name="what"/> after <paramref name="seconds"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {seconds} s waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, int seconds = 30) => UntilAsync(() => Task.FromResult(condition()), what, seconds);
}
