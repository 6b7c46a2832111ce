using System.Text;
using BenchmarkDotNet.Attributes;
using EastWestIds.Identity.Spiffe;
using EastWestIds.Identity.Xfcc;

namespace EastWestIds.Benchmarks.Identity;

/// <summary>
/// XFCC on the request path: <see cref="XfccParser.Summarize"/> (baseline, must allocate nothing), the same plus
/// SPIFFE validation of the caller (what the engine does per request), and the allocating full parse for scale.
/// </summary>
[MemoryDiagnoser]
public class XfccParserBenchmark
{
    private const int OperationsPerInvoke = 100;

    private byte[] _header = [];

    /// <summary>Header shapes a sink sees.</summary>
    public enum XfccInput
    {
        /// <summary>What an app behind an Istio sidecar receives (MESH-SEMANTICS §2.4).</summary>
        IstioSingle,

        /// <summary>Gateway-forwarded: an earlier element plus the sidecar's own.</summary>
        TwoElements,

        /// <summary>A quoted RFC 2253 Subject with escaped quotes and backslashes, plus Cert.</summary>
        QuotedSubjectEscapes,
    }

    [Params(XfccInput.IstioSingle, XfccInput.TwoElements, XfccInput.QuotedSubjectEscapes)]
    public XfccInput Input { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        const string istio =
            "By=spiffe://cluster.local/ns/ids/sa/eastwestids;Hash=20afebed6da091c850264cc751b8c9306abac02993f80bdb76282237422bd098;" +
            "Subject=\"\";URI=spiffe://cluster.local/ns/default/sa/bookinfo-productpage";
        string text = Input switch
        {
            XfccInput.IstioSingle => istio,
            XfccInput.TwoElements =>
                "By=spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account;" +
                "Hash=9ba61d6425303443c0748a02dd8de688468ed33be74eee6556d90c0149c1309e;Subject=\"CN=client.example.com\";" +
                "URI=spiffe://partner.example.com/ns/apps/sa/client;DNS=client.example.com," +
                istio.Replace("bookinfo-productpage", "istio-ingressgateway-service-account", StringComparison.Ordinal),
            XfccInput.QuotedSubjectEscapes =>
                "By=spiffe://cluster.local/ns/ids/sa/eastwestids;Hash=86948ccdaf2de73b20d389dc212aaf2d72f9f1ca239327cc2e8b05e61b1676d1;" +
                "Cert=\"-----BEGIN%20CERTIFICATE-----%0AMIIBszCCAVmgAwIBAgIUe%3D%3D%0A-----END%20CERTIFICATE-----%0A\";" +
                "Subject=\"emailAddress=ops@example.com,CN=\\\"Acme\\\" client,OU=R\\\\D,O=Acme\\, Inc.,C=US\";" +
                "URI=spiffe://cluster.local/ns/mounted-certs/sa/client;DNS=client.mounted-certs.svc",
            _ => throw new InvalidOperationException(),
        };
        _header = Encoding.ASCII.GetBytes(text);
        if (!XfccParser.Summarize(_header).HasSingleCaller)
        {
            throw new InvalidOperationException($"Benchmark input {Input} does not parse.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = OperationsPerInvoke)]
    public int Summarize()
    {
        int sum = 0;
        for (int i = 0; i < OperationsPerInvoke; i++)
        {
            sum += XfccParser.Summarize(_header).LastUriCount;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int SummarizeAndValidateCaller()
    {
        int sum = 0;
        for (int i = 0; i < OperationsPerInvoke; i++)
        {
            var summary = XfccParser.Summarize(_header);
            if (SpiffeIdParser.TryParse(_header.AsSpan()[summary.LastUri], out var caller, out _) && caller.IsIstio)
            {
                sum++;
            }
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int ParseElements()
    {
        int sum = 0;
        for (int i = 0; i < OperationsPerInvoke; i++)
        {
            sum += XfccParser.Parse(_header).Count;
        }

        return sum;
    }
}
