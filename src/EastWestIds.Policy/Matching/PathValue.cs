namespace EastWestIds.Policy.Matching;

/// <summary>Helpers for the request path as <c>paths</c> sees it.</summary>
public static class PathValue
{
    /// <summary>The path without <c>?query</c> and <c>#fragment</c> (Envoy's <c>url_path</c>).</summary>
    public static ReadOnlySpan<byte> WithoutQuery(ReadOnlySpan<byte> path)
    {
        int cut = path.IndexOfAny((byte)'?', (byte)'#');
        return cut < 0 ? path : path[..cut];
    }
}
