using EastWestIds.Engine.Inspection;
using EastWestIds.Signatures.Buffers;
using HttpVersion = EastWestIds.Http.Http1.HttpVersion;

namespace EastWestIds.Engine.Signatures;

/// <summary>
/// A <see cref="MirroredRequest"/> seen through the signature engine's <see cref="IRequestView"/>: spans over the
/// request's own buffer, plus the caller and callee the identity stage worked out (so <c>mesh.source_principal</c>
/// is the validated SPIFFE ID of the last XFCC element, never a relayed claim). One per worker, reset per request;
/// no per-request allocation.
/// </summary>
public sealed class MirroredRequestView : IRequestView
{
    private MirroredRequest? _request;
    private InspectionContext? _context;
    private int[] _headerIndex = new int[32];
    private int _headerCount;

    /// <summary>Points the view at <paramref name="request"/> and the identity <paramref name="context"/> computed for it.</summary>
    public void Reset(MirroredRequest request, InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        _request = request;
        _context = context;
        _headerCount = 0;
        if (_headerIndex.Length < request.HeaderCount)
        {
            _headerIndex = new int[Math.Max(request.HeaderCount, _headerIndex.Length * 2)];
        }

        // Trailers are kept in the same list as headers; the view shows header fields only (IRequestView's contract).
        for (int i = 0; i < request.HeaderCount; i++)
        {
            if (!request.IsTrailer(i))
            {
                _headerIndex[_headerCount++] = i;
            }
        }
    }

    private MirroredRequest Request => _request ?? throw new InvalidOperationException("Reset was not called");

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Method => Request.Method;

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Target => Request.Target;

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Protocol => Request.Version switch
    {
        HttpVersion.Http10 => "HTTP/1.0"u8,
        HttpVersion.Http11 => "HTTP/1.1"u8,
        HttpVersion.Http2 => "HTTP/2"u8,
        _ => default,
    };

    /// <inheritdoc/>
    public int HeaderCount => _headerCount;

    /// <inheritdoc/>
    public ReadOnlySpan<byte> HeaderName(int index) => Request.HeaderName(_headerIndex[index]);

    /// <inheritdoc/>
    public ReadOnlySpan<byte> HeaderValue(int index) => Request.HeaderValue(_headerIndex[index]);

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Body => Request.Body;

    /// <inheritdoc/>
    public bool BodyTruncated => Request.BodyTruncated;

    /// <inheritdoc/>
    public ReadOnlySpan<byte> BodyTail => Request.BodyTail;

    /// <inheritdoc/>
    public ReadOnlySpan<byte> SourcePrincipal => _context!.Caller.Principal(Request);

    /// <inheritdoc/>
    public ReadOnlySpan<byte> DestinationService => _context!.Callee.Host(Request);
}
