namespace EastWestIds.Policy.Requests;

/// <summary>
/// Header lookup for <c>request.headers[...]</c> conditions. Implemented by whoever holds the request (the engine's
/// mirrored request, a test), so policy evaluation never copies headers.
/// </summary>
public interface IAuthzHeaders
{
    /// <summary>
    /// The value of header <paramref name="lowerCaseName"/> (ASCII, lower case; compare case-insensitively). A header
    /// sent several times must come back as its values joined with <c>,</c> and no space, as Envoy matches them
    /// (MESH-SEMANTICS §3.5). Pseudo-headers are not asked for: <c>:authority</c>, <c>:method</c> and <c>:path</c>
    /// come from the request itself.
    /// </summary>
    bool TryGetValue(ReadOnlySpan<byte> lowerCaseName, out ReadOnlySpan<byte> value);
}
