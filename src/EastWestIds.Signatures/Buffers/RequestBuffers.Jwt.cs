using System.Buffers;
using System.Buffers.Text;
using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// <c>jwt.header</c> and <c>jwt.payload</c>: the JSON Web Tokens of a request, found in its header fields (the
/// Authorization bearer, a cookie, oauth2-proxy's <c>x-auth-request-access-token</c>, …), its target and its body (a
/// token exchange's <c>subject_token</c>, an introspection's <c>token</c>), each part base64url-decoded into the arena. A
/// token is what starts with <c>eyJ</c> (<c>{"</c> encoded, as every JOSE header begins) and has at least two dots among
/// base64url characters: a signed token's header and claims are decoded, an encrypted one's (five parts) header only. An
/// unsigned token (<c>alg: none</c>, nothing after the last dot) is a token too: it is the attack.
/// </summary>
public sealed partial class RequestBuffers
{
    private const ulong JwtBits = (1UL << (int)InspectionBuffer.JwtHeader) | (1UL << (int)InspectionBuffer.JwtPayload);

    private static readonly SearchValues<byte> Base64UrlOrDot =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."u8);

    private void DecodeJwts()
    {
        SegmentList headers = _lists[(int)InspectionBuffer.JwtHeader];
        SegmentList payloads = _lists[(int)InspectionBuffer.JwtPayload];
        headers.Clear();
        payloads.Clear();

        // Three vectorized searches over text the other buffers have at hand: the header block (every field, cookies
        // included), the request target and the body. A token needs no escaping in a URL, a form, JSON or XML, so it
        // is found as sent; reading every argument value instead cost the 1 KiB JSON POST 5% of its matching time.
        if (Count(InspectionBuffer.HttpHeaderRaw) > 0)
        {
            AddJwtsIn(Get(InspectionBuffer.HttpHeaderRaw, 0), headers, payloads);
        }

        AddJwtsIn(Request.Target, headers, payloads);
        AddJwtsIn(DecodedBody, headers, payloads);
        _decoded |= JwtBits;
    }

    private void AddJwtsIn(ReadOnlySpan<byte> text, SegmentList headers, SegmentList payloads)
    {
        int at;
        while ((at = text.IndexOf("eyJ"u8)) >= 0)
        {
            text = text[at..];
            int length = text.IndexOfAnyExcept(Base64UrlOrDot);
            ReadOnlySpan<byte> token = length < 0 ? text : text[..length];
            text = text[token.Length..];

            int firstDot = token.IndexOf((byte)'.');
            int secondDot = firstDot < 0 ? -1 : token[(firstDot + 1)..].IndexOf((byte)'.');
            if (secondDot < 0)
            {
                continue; // one part, or two: no compact serialization
            }

            AddJwtPart(headers, token[..firstDot]);
            ReadOnlySpan<byte> payload = token.Slice(firstDot + 1, secondDot);
            if (payload.StartsWith("eyJ"u8))
            {
                AddJwtPart(payloads, payload); // a JWE's second part is its encrypted key, no JSON
            }
        }
    }

    private void AddJwtPart(SegmentList list, ReadOnlySpan<byte> part)
    {
        Span<byte> space = BeginArena(Base64Url.GetMaxDecodedLength(part.Length));
        Base64Url.DecodeFromUtf8(part, space, out _, out int written);
        if (written > 0)
        {
            // No NUL finding: a token part is data a service verifies, not text it reads (some put raw bytes in a kid).
            AddReference(list, SegmentSource.Arena, _arena.Commit(written), written);
        }
    }
}
