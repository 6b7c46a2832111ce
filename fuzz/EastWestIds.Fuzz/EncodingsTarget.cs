using System.IO.Compression;
using EastWestIds.Core.Findings;
using EastWestIds.Engine.Findings;
using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Fuzz;

/// <summary>
/// The same body sent every way HTTP/1.1 lets a client send it must be found the same: an attacker picks the framing
/// and the content coding, so any difference is an evasion (the server behind undoes them all). The input is read as
/// <see cref="BodyTarget"/> reads it (its first byte picks the Content-Type, the second the chunk size here, the rest
/// is the body); the body goes out with Content-Length as the reference, then chunked in one-byte chunks, chunked with
/// extensions and a trailer, compressed with gzip (also as <c>x-gzip</c>, as two gzip members, and chunked), deflate
/// (zlib and raw), br and gzip under br. What rules found in the body's buffers and the body's decoding anomalies must
/// be the same in each; a stream the harness compressed must decode without a corrupt-coding finding.
/// </summary>
internal sealed class EncodingsTarget(InspectionHarness harness) : IFuzzTarget
{
    /// <summary>Bodies compared; a longer one reaches the inspection budgets, where compressed and plain bodies are cut differently.</summary>
    internal const int MaxComparedBody = 16 * 1024;

    /// <summary>The buffers a body fills: what the framing and the coding must not change.</summary>
    private static readonly HashSet<string> BodyBuffers =
    [
        .. StickyBufferOption.Names
            .Where(n => n.Value is InspectionBuffer.HttpRequestBody or InspectionBuffer.HttpArg or InspectionBuffer.HttpArgName
                or InspectionBuffer.HttpArgOffDomainUrl or InspectionBuffer.FileName or InspectionBuffer.FileData)
            .Select(n => n.Key),
    ];

    // Findings about the coding itself, not the body: a compressed form may raise them where the plain one cannot.
    private static readonly HashSet<int> CodingFindings =
    [
        DecodingFindings.DecompressionBomb.Sid, DecodingFindings.DecompressionFailed.Sid, DecodingFindings.UnsupportedContentEncoding.Sid,
    ];

    private static readonly HashSet<int> DecodingFindingSids = [.. DecodingFindings.All.Select(f => f.Sid)];

    public string Name => "encodings";

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length < 2 || input.Length - 2 > MaxComparedBody)
        {
            return;
        }

        byte[] body = input[2..].ToArray();
        string contentType = BodyTarget.ContentTypes[input[0] % BodyTarget.ContentTypes.Length];
        int chunk = 2 + input[1] % 200;
        string? reference = null;
        bool corruptAsSent = false;
        foreach ((string name, byte[] wire) in Forms(contentType, chunk, body))
        {
            harness.Inspect(wire);
            if (harness.Findings.Count != 1)
            {
                throw new FuzzInvariantException($"{name}: {harness.Findings.Count} requests analysed, not one");
            }

            // A corrupt stream inside the body itself (a compressed gRPC message) is reported in every form; only a
            // report the body as sent did not raise is about the coding the harness applied.
            Finding[] findings = harness.Findings[0];
            bool corrupt = findings.Any(f => f.Signature.Sid == DecodingFindings.DecompressionFailed.Sid);
            corruptAsSent |= name == "content-length" && corrupt;
            if (name != "content-length" && corrupt && !corruptAsSent)
            {
                throw new FuzzInvariantException($"{name}: a stream .NET compressed was reported corrupt");
            }

            string found = BodyFindings(findings);
            if (reference is null)
            {
                reference = found;
            }
            else if (found != reference)
            {
                throw new FuzzInvariantException($"the body sent as {name} was found different from the same body sent with Content-Length:\n" +
                    $"content-length:\n{reference}\n{name}:\n{found}");
            }
        }
    }

    /// <summary>The body-side findings, each rule of a collapsed finding on its own, in one canonical order.</summary>
    internal static string BodyFindings(IEnumerable<Finding> findings) => string.Join('\n', findings
        .SelectMany(f => (f.Related ?? []).Prepend(f))
        .Where(f => f.Detail is null
            ? DecodingFindingSids.Contains(f.Signature.Sid) && !CodingFindings.Contains(f.Signature.Sid)
            : BodyBuffers.Contains(f.Detail[..Math.Max(0, f.Detail.IndexOf('['))]))
        .Select(f => $"{f.Signature.Sid} {f.Detail}")
        .Order(StringComparer.Ordinal));

    /// <summary>The requests that send <paramref name="body"/>, the reference (Content-Length, as it is) first.</summary>
    internal static IEnumerable<(string Name, byte[] Wire)> Forms(string contentType, int chunk, byte[] body)
    {
        byte[] gzip = BodyTarget.Compress(body, s => new GZipStream(s, CompressionLevel.Fastest));
        int half = body.Length / 2;
        yield return ("content-length", FuzzPost.Wire(contentType, null, body, chunk: 0));
        yield return ("chunked in 1-byte chunks", FuzzPost.Wire(contentType, null, body, chunk: 1));
        yield return ($"chunked in {chunk}-byte chunks with extensions and a trailer", FuzzPost.Wire(contentType, null, body, chunk, extensions: true));
        yield return ("gzip", FuzzPost.Wire(contentType, "gzip", gzip, chunk: 0));
        yield return ("x-gzip", FuzzPost.Wire(contentType, "x-gzip", gzip, chunk: 0));
        yield return ("gzip, chunked", FuzzPost.Wire(contentType, "gzip", gzip, chunk));
        yield return ("gzip in two members", FuzzPost.Wire(contentType, "gzip",
            [.. BodyTarget.Compress(body[..half], s => new GZipStream(s, CompressionLevel.Fastest)), .. BodyTarget.Compress(body[half..], s => new GZipStream(s, CompressionLevel.Fastest))], chunk: 0));
        yield return ("deflate (zlib)", FuzzPost.Wire(contentType, "deflate", BodyTarget.Compress(body, s => new ZLibStream(s, CompressionLevel.Fastest)), chunk: 0));
        yield return ("deflate (raw)", FuzzPost.Wire(contentType, "deflate", BodyTarget.Compress(body, s => new DeflateStream(s, CompressionLevel.Fastest)), chunk: 0));
        yield return ("br", FuzzPost.Wire(contentType, "br", BodyTarget.Compress(body, s => new BrotliStream(s, CompressionLevel.Fastest)), chunk: 0));
        yield return ("gzip, br", FuzzPost.Wire(contentType, "gzip, br", BodyTarget.Compress(gzip, s => new BrotliStream(s, CompressionLevel.Fastest)), chunk: 0));
    }
}
