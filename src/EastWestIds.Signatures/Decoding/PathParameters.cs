namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// Path parameters (RFC 3986 §3.3: <c>;</c> and what follows it in a segment), which Tomcat's <c>CoyoteAdapter</c>,
/// Jetty and Spring's <c>UrlPathHelper</c> remove from every segment of the raw path before they decode it and
/// resolve its dot segments. A proxy or a policy that keeps them reads another path than the server behind it:
/// <c>/static/..;/actuator/env</c> is <c>/actuator/env</c> to the server. An escaped <c>%3B</c> is data to all of
/// them and stays.
/// </summary>
public static class PathParameters
{
    /// <summary>True when the raw <paramref name="path"/> (without its query) has a parameter.</summary>
    public static bool Present(ReadOnlySpan<byte> path) => path.IndexOf((byte)';') >= 0;

    /// <summary>Writes <paramref name="path"/> (raw, without its query) into <paramref name="output"/> (at least as long; may be the same memory) without its parameters; returns bytes written.</summary>
    public static int Remove(ReadOnlySpan<byte> path, Span<byte> output)
    {
        int w = 0;
        bool inParameters = false;
        for (int i = 0; i < path.Length; i++)
        {
            byte b = path[i];
            inParameters = b switch { (byte)'/' => false, (byte)';' => true, _ => inParameters };
            if (!inParameters)
            {
                output[w++] = b;
            }
        }

        return w;
    }
}
