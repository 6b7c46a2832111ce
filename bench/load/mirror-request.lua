-- The mirrored request of DESIGN.md ("What a mirrored request looks like"), as the sink receives it from its
-- own sidecar: shadow Host, the caller's XFCC, Istio's tracing and forwarding headers. No request() function:
-- wrk formats the request once and sends the same bytes each time, so the client spends its time on I/O.

wrk.method = "GET"
wrk.path = "/reviews/0"
wrk.headers["Host"] = "reviews-shadow:9080"
wrk.headers["user-agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
wrk.headers["x-request-id"] = "7f7344ac-039a-99ee-910b-7a1716fa9a6e"
wrk.headers["x-forwarded-proto"] = "http"
wrk.headers["x-envoy-attempt-count"] = "1"
wrk.headers["x-forwarded-for"] = "10.1.0.52"
wrk.headers["x-envoy-internal"] = "true"
wrk.headers["x-forwarded-client-cert"] = 'By=spiffe://cluster.local/ns/default/sa/default;Hash=e40c5a1bd9a8f5d7c4b6e3f2a1908d7c6b5a4e3f2d1c0b9a8f7e6d5c4b3a24df;Subject="";URI=spiffe://cluster.local/ns/default/sa/bookinfo-productpage'
wrk.headers["x-b3-traceid"] = "d605f723bc9ff6b76e19334ef7882929"
wrk.headers["x-b3-spanid"] = "9611f0bb69e6f424"

-- One machine-readable line for run.sh, after wrk's own report.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50.0), latency:percentile(99.0), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
