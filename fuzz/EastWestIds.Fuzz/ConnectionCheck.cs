namespace EastWestIds.Fuzz;

/// <summary>
/// The properties every request target checks on one connection's bytes: whatever the bytes, the same findings
/// whether they arrive at once or in small reads split into segments (the mirror port gets TCP's reads), and a worker
/// that inspects a known request the same way afterwards (nothing of the input stays behind in its reused buffers).
/// </summary>
internal sealed class ConnectionCheck
{
    // A request the shipped rules flag in several ways: its outcome is taken once, on a fresh worker.
    private static readonly byte[] Canary = System.Text.Encoding.ASCII.GetBytes(
        "POST /api/v1/orders/search?q=1%27%20UNION%20SELECT%20password%20FROM%20users-- HTTP/1.1\r\n" +
        "Host: orders.shop.svc.cluster.local:8080\r\nContent-Type: application/json\r\nContent-Length: 47\r\n" +
        "x-forwarded-client-cert: By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e40c;Subject=\"\";URI=spiffe://cluster.local/ns/shop/sa/frontend\r\n\r\n" +
        "{\"note\":\"<script>alert(1)</script>\",\"n\":\"ok\"}\n");

    private readonly InspectionHarness _harness;
    private readonly string _canaryOutcome;

    public ConnectionCheck(InspectionHarness harness)
    {
        _harness = harness;
        _canaryOutcome = string.Join('\n', harness.Inspect(Canary));
    }

    public void Run(byte[] wire)
    {
        string whole = string.Join('\n', _harness.Inspect(wire));

        // Read and segment lengths from the input's length: a fuzzer varies them by growing or cutting the input.
        int readLength = 1 + wire.Length % 29;
        int segmentLength = 1 + wire.Length % 7;
        string pieces = string.Join('\n', _harness.Inspect(wire, readLength, segmentLength));
        if (whole != pieces)
        {
            throw new FuzzInvariantException(
                $"read at once and in reads of {readLength} bytes (segments of {segmentLength}), the same bytes were found different:\n" +
                $"at once:\n{whole}\nin pieces:\n{pieces}");
        }

        string canary = string.Join('\n', _harness.Inspect(Canary));
        if (canary != _canaryOutcome)
        {
            throw new FuzzInvariantException($"after this input the same worker sees the canary request differently:\n{_canaryOutcome}\nnow:\n{canary}");
        }
    }
}
