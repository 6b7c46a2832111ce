using System.Text;
using System.Text.Json;
using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;
using static EastWestIds.Signatures.Tests.Buffers.BufferAssert;

namespace EastWestIds.Signatures.Tests.Buffers;

/// <summary>
/// Every request of the OWASP CRS regression corpus (../shared/corpus/crs-requests.jsonl, deliberately malformed
/// ones included) decodes without an exception on one reused <see cref="RequestBuffers"/>, and the encoding tricks
/// it contains come out decoded.
/// </summary>
public class CrsCorpusDecodingTests
{
    private static readonly Lazy<Dictionary<string, FakeRequestView>> Corpus = new(Load);

    [Fact]
    public void DecodeAll_EveryCorpusRequest_NeverThrows()
    {
        var buffers = new RequestBuffers();
        int decoded = 0;
        foreach ((string id, FakeRequestView view) in Corpus.Value)
        {
            buffers.Reset(view);
            buffers.DecodeAll();
            foreach (InspectionBuffer buffer in Enum.GetValues<InspectionBuffer>())
            {
                for (int i = 0; i < buffers.Count(buffer); i++)
                {
                    _ = buffers.Get(buffer, i);
                }
            }

            decoded++;
        }

        Assert.True(decoded > 4900, $"only {decoded} corpus requests");
    }

    [Theory]
    [InlineData("931131-1", InspectionBuffer.HttpUri, "/etc/passwd", true)] // %252e: an escaped '.' inside an escape
    [InlineData("942190-27", InspectionBuffer.HttpArgName, "selectect user(", false)] // spaces and quotes: what a URL-valued parameter holds too
    [InlineData("942521-20", InspectionBuffer.HttpArgName, "admin@juice-sh.op\\'and likely (id)--", false)]
    [InlineData("941350-1", InspectionBuffer.HttpArg, "+ADw-script+AD4-", false)]
    public void Decode_CorpusEncodingTricks_Decoded(string id, InspectionBuffer buffer, string expectedSubstring, bool doubleEncodingFlagged)
    {
        var buffers = new RequestBuffers();
        buffers.Reset(Corpus.Value[id]);
        Assert.Contains(Values(buffers, buffer), v => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(v)).Contains(expectedSubstring, StringComparison.Ordinal));
        Assert.Equal(doubleEncodingFlagged, buffers.Anomalies.HasFlag(DecodingAnomalies.DoubleEncoding));
    }

    private static Dictionary<string, FakeRequestView> Load()
    {
        var views = new Dictionary<string, FakeRequestView>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(CorpusPath()))
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement r = doc.RootElement;
            var view = new FakeRequestView().WithUtf8(r.GetProperty("method").GetString()!, r.GetProperty("uri").GetString()!, r.GetProperty("http_version").GetString()!);
            foreach (JsonElement header in r.GetProperty("headers").EnumerateArray())
            {
                view.WithUtf8Header(header[0].GetString()!, header[1].GetString()!);
            }

            string body = r.GetProperty("body").GetString()!;
            bool base64 = r.TryGetProperty("body_base64", out JsonElement b64) && b64.GetBoolean();
            view.WithBody(base64 ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body));
            views[r.GetProperty("id").GetString()!] = view;
        }

        return views;
    }

    private static string CorpusPath()
    {
        string? root = Environment.GetEnvironmentVariable("EWIDS_SHARED_DIR");
        if (string.IsNullOrEmpty(root))
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EastWestIds.sln")))
            {
                dir = dir.Parent;
            }

            root = Path.Combine(dir?.Parent?.FullName ?? throw new InvalidOperationException("cannot find EastWestIds.sln"), "shared");
        }

        return Path.Combine(root, "corpus", "crs-requests.jsonl");
    }
}
