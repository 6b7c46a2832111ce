using EastWestIds.Engine.Inspection;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Engine.Authorization;

/// <summary>
/// <c>request.headers[...]</c> over a <see cref="MirroredRequest"/>'s own buffer. One per worker thread, pointed
/// at each request in turn. A header sent once (the usual case) is returned in place; a repeated one is joined
/// with <c>,</c> into a buffer that is reused, as Envoy matches repeated headers (MESH-SEMANTICS §3.5).
/// </summary>
internal sealed class RequestAuthzHeaders : IAuthzHeaders
{
    private byte[] _joined = new byte[256];

    public MirroredRequest? Request { get; set; }

    public bool TryGetValue(ReadOnlySpan<byte> lowerCaseName, out ReadOnlySpan<byte> value)
    {
        value = default;
        var request = Request;
        if (request is null)
        {
            return false;
        }

        int first = -1, length = 0, count = 0;
        for (var i = 0; i < request.HeaderCount; i++)
        {
            if (request.IsTrailer(i) || !System.Text.Ascii.EqualsIgnoreCase(request.HeaderName(i), lowerCaseName))
            {
                continue;
            }

            first = first < 0 ? i : first;
            length += (count > 0 ? 1 : 0) + request.HeaderValue(i).Length;
            count++;
        }

        if (count == 0)
        {
            return false;
        }

        if (count == 1)
        {
            value = request.HeaderValue(first);
            return true;
        }

        if (_joined.Length < length)
        {
            _joined = new byte[Math.Max(length, _joined.Length * 2)];
        }

        var written = 0;
        for (var i = first; i < request.HeaderCount; i++)
        {
            if (request.IsTrailer(i) || !System.Text.Ascii.EqualsIgnoreCase(request.HeaderName(i), lowerCaseName))
            {
                continue;
            }

            if (written > 0)
            {
                _joined[written++] = (byte)',';
            }

            var part = request.HeaderValue(i);
            part.CopyTo(_joined.AsSpan(written));
            written += part.Length;
        }

        value = _joined.AsSpan(0, written);
        return true;
    }
}
