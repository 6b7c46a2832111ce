using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace EastWestIds.Host.WebUi;

/// <summary>
/// The web UI's static files, embedded in the binary as resources named <c>webui/&lt;path&gt;</c> (see the csproj), read
/// once at start. Embedding means no files next to the binary to lose or to be swapped by whoever can write there, and
/// nothing fetched at run time: the UI is plain ES modules and CSS, no build step.
/// </summary>
internal sealed class WebUiAssets
{
    private const string ResourcePrefix = "webui/";

    private readonly FrozenDictionary<string, WebUiAsset> _assets;

    private WebUiAssets(FrozenDictionary<string, WebUiAsset> assets) => _assets = assets;

    /// <summary>The assets embedded in this assembly.</summary>
    public static WebUiAssets Embedded { get; } = Load(typeof(WebUiAssets).Assembly);

    /// <summary>Every asset path (<c>index.html</c>, <c>js/app.js</c>, …).</summary>
    public IEnumerable<string> Paths => _assets.Keys;

    public bool TryGet(string path, out WebUiAsset asset) => _assets.TryGetValue(path, out asset!);

    private static WebUiAssets Load(Assembly assembly)
    {
        var assets = new Dictionary<string, WebUiAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            // RecursiveDir uses the build machine's separator; paths here always use '/'.
            var normalized = name.Replace('\\', '/');
            if (!normalized.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var path = normalized[ResourcePrefix.Length..];
            var contentType = ContentTypeOf(path);
            if (contentType is null)
            {
                continue; // only types we know how to label are served: nothing is ever sniffed
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"";
            assets[path] = new WebUiAsset(bytes, contentType, etag);
        }

        return new WebUiAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static string? ContentTypeOf(string path) => Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".ico" => "image/x-icon",
        _ => null,
    };
}

/// <summary>One embedded file: its bytes, its content type and a strong ETag of its content.</summary>
internal sealed record WebUiAsset(byte[] Content, string ContentType, string ETag);
