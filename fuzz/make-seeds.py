#!/usr/bin/env python3
"""Writes the starting corpus of each fuzz target into fuzz/corpus/<target>/seed-*.

Deterministic, standard library only. The seeds are small on purpose (AFL++ mutates small inputs faster):
  wire   every 97th request of the benign corpus and every 61st of the CRS corpus (as sent, per
         ../shared/corpus/README.md), under 4 KiB, plus pipelined and chunked requests written here;
  body   the bodies of benign and CRS requests, each behind the target's two choice bytes for its Content-Type
         (fuzz/EastWestIds.Fuzz/BodyTarget.cs lists them in this order), and one seed per body format;
  arguments  the first two query arguments of every 13th benign and every 11th CRS request, percent-decoded, each as its name's
         length, the name and the value (fuzz/EastWestIds.Fuzz/ArgumentsTarget.cs);
  paths  the distinct percent-decoded paths of every 13th benign and every 11th CRS request, and a few written here
         (path parameters, dot segments, backslashes, overlong UTF-8);
  xfcc   the x-forwarded-client-cert values of ../shared/vectors/xfcc.json (Envoy's and Istio's own test cases) and
         20 SPIFFE IDs of spiffe.json as a caller's URI;
  rules  one rule from each shipped rule file;
  manifests  the bookinfo scenario's manifests, istio/deploy's AuthorizationPolicy and the policy sets of
         ../shared/vectors/authz.json (Istio's own test policies) as YAML documents;
  recordings  the format byte (0 JSON Lines, 1 HAR, 2 raw) and a file: a few corpus lines, the same requests as a HAR
         log and as a raw stream.
Files named other than seed-* (minimized crashes kept as regressions) are left alone.
"""
import base64, glob, json, os, sys, urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
CONTENT_TYPES = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data", "application/xml",
                 "application/soap+xml", "application/msgpack", "application/cbor", "application/yaml",
                 "application/graphql", "text/plain"]


def wire(record):
    if "raw_b64" in record:
        return base64.b64decode(record["raw_b64"])
    head = f'{record.get("method", "GET")} {record.get("uri", "/")} {record.get("http_version", "HTTP/1.1")}\r\n'
    head += "".join(f"{name}: {value}\r\n" for name, value in record.get("headers", []))
    body = base64.b64decode(record["body"]) if record.get("body_base64") else record.get("body", "").encode()
    return head.encode() + b"\r\n" + body


def records(path, step):
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % step == 0:
                yield json.loads(line)


def write(target, name, data):
    folder = os.path.join(ROOT, "fuzz", "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"seed-{name}"), "wb") as f:
        f.write(data)


def clear(target):
    for path in glob.glob(os.path.join(ROOT, "fuzz", "corpus", target, "seed-*")):
        os.remove(path)


def content_type_choice(record):
    headers = {n.lower(): v for n, v in record.get("headers", [])}
    media = headers.get("content-type", "").split(";")[0].strip().lower()
    for i, known in enumerate(CONTENT_TYPES):
        if media == known or (known == "application/json" and media.endswith("+json")):
            return i
    return None


def main():
    corpora = [("benign", os.path.join(ROOT, "tests", "corpus", "benign-requests.jsonl"), 97),
               ("crs", os.path.join(SHARED, "corpus", "crs-requests.jsonl"), 61)]
    for target in ("wire", "body", "arguments", "paths", "xfcc", "rules", "recordings", "manifests"):
        clear(target)

    for label, path, step in corpora:
        for record in records(path, step):
            data = wire(record)
            if len(data) <= 4096:
                write("wire", f"{label}-{record['id']}", data)
            choice = content_type_choice(record)
            body = data.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in data else b""
            if choice is not None and 0 < len(body) <= 4096:
                write("body", f"{label}-{record['id']}", bytes([choice, 0]) + body)

    for label, path, step in (("benign", corpora[0][1], 13), ("crs", corpora[1][1], 11)):
        for record in records(path, step):
            query = record.get("uri", "").partition("?")[2]
            for i, pair in enumerate(query.split("&")[:2]):
                name, _, value = pair.partition("=")
                name, value = urllib.parse.unquote_to_bytes(name), urllib.parse.unquote_to_bytes(value)
                if 0 < len(name) < 64 and 0 < len(value) <= 2048:
                    write("arguments", f"{label}-{record['id']}-{i}", bytes([len(name)]) + name + value)

    paths = set()
    for label, path, step in (("benign", corpora[0][1], 13), ("crs", corpora[1][1], 11)):
        for record in records(path, step):
            decoded = urllib.parse.unquote_to_bytes(record.get("uri", "/").partition("?")[0].partition("#")[0])
            if decoded.startswith(b"/") and len(decoded) <= 1024 and decoded not in paths:
                paths.add(decoded)
                write("paths", f"{label}-{record['id']}", decoded)
    for name, decoded in {"parameters": b"/static/..;/actuator;v=1/env", "dots": b"/a/./b/../../etc/passwd",
                          "backslashes": b"/scripts\\..\\..\\winnt/system32/cmd.exe", "overlong": b"/\xc0\xae\xc0\xae/etc/passwd",
                          "escaped": b"/files/..%2f..%2fetc%2fpasswd", "empty": b"//a//b/", "query-like": b"/a?b#c;d"}.items():
        write("paths", name, decoded)

    mesh = (b"GET /reviews/0 HTTP/1.1\r\nHost: reviews-shadow:9080\r\nx-forwarded-client-cert: By=spiffe://cluster.local/ns/"
            b"ewids-system/sa/ewids;Hash=e40c;Subject=\"\";URI=spiffe://cluster.local/ns/default/sa/bookinfo-productpage\r\n\r\n")
    write("wire", "pipelined", mesh + mesh.replace(b"GET /reviews/0", b"GET /reviews/1?id=1%27%20or%201=1--") + mesh)
    write("wire", "chunked", b"POST /api/v1/orders HTTP/1.1\r\nHost: orders\r\nContent-Type: application/json\r\n"
          b"Transfer-Encoding: chunked\r\n\r\n7\r\n{\"q\":\"1\r\n9\r\n' or 1=1\r\n2\r\n\"}\r\n0\r\nx-trailer: 1\r\n\r\n")
    write("wire", "expect", b"PUT /v1/kv/a HTTP/1.1\r\nHost: consul:8500\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello")

    formats = {
        "json": (0, b'{"name":"O\'Brien","items":[{"sku":"A-1","qty":2}],"note":"\\u003cb\\u003e"}'),
        "form": (1, b"q=shoes&page=2&name=O%27Brien&tags%5B%5D=a+b"),
        "multipart": (2, b"------fuzzboundary\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n"
                         b"------fuzzboundary\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.txt\"\r\n"
                         b"Content-Type: text/plain\r\n\r\nfile body\r\n------fuzzboundary--\r\n"),
        "multipart-charset-field": (2, b"------fuzzboundary\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\n"
                                       + "' OR 1=1--".encode("utf-16-be") + b"\r\n------fuzzboundary\r\n"
                                       b"Content-Disposition: form-data; name=\"_charset_\"\r\n\r\nUTF-16\r\n------fuzzboundary--\r\n"),
        "xml": (3, b'<?xml version="1.0"?><order id="1"><note><![CDATA[a < b]]></note><q>&amp;&#x41;</q></order>'),
        "msgpack": (5, bytes.fromhex("82a16ea6636f6666656ea17192a173cd0100")),
        "cbor": (6, bytes.fromhex("a2616e66636f6666656561719261737f6261626163ff")),
        "yaml": (7, b"name: coffee\nnote: \"a \\\"quoted\\\" \\u0041\"\nblock: |\n  line one\n  line two\nlist: [a, 'b', \"c\"]\n"),
        "graphql": (8, b'query Search($q: String) { search(text: "drop earrings", first: 5) { id name } }'),
        "text": (9, b"Please cancel order 42, thanks."),
        "grpc": (11, bytes.fromhex("000000000c0a0a6a6f686e2773206361") ),
        "utf16": (15, '{"q":"caf\u00e9"}'.encode("utf-16")),
    }
    for name, (choice, body) in formats.items():
        for sending in (*range(8), 8, 10):  # 8 and 10: after 80 KiB of padding, as is and gzip'd
            write("body", f"{name}-{sending}", bytes([choice, sending]) + body)

    with open(os.path.join(SHARED, "vectors", "xfcc.json"), encoding="utf-8") as f:
        for vector in json.load(f)["vectors"]:
            value = vector.get("input") or vector.get("incoming_xfcc")
            if isinstance(value, str) and value:
                write("xfcc", vector["id"], value.encode())

    with open(os.path.join(SHARED, "vectors", "spiffe.json"), encoding="utf-8") as f:
        for vector in json.load(f)["vectors"][:20]:
            if isinstance(vector.get("input"), str):
                write("xfcc", vector["id"], f'By=spiffe://cluster.local/ns/ewids-system/sa/ewids;URI={vector["input"]}'.encode())

    for label, path, step in corpora:
        sample = [r for i, r in enumerate(records(path, step * 7)) if i < 4]
        write("recordings", f"{label}-jsonl", b"\x00" + "".join(json.dumps(r) + "\n" for r in sample).encode())
        write("recordings", f"{label}-raw", b"\x02" + b"".join(wire(r) for r in sample))
        write("recordings", f"{label}-har", b"\x01" + json.dumps({"log": {"version": "1.2", "entries": [har_entry(r) for r in sample]}}).encode())

    for path in [os.path.join(ROOT, "tests", "EastWestIds.Policy.Tests", "Scenarios", name)
                 for name in ("bookinfo.yaml", "bookinfo-extauthz.yaml", "bookinfo-workloads.yaml")] + \
            [os.path.join(ROOT, "istio", "deploy", "authorizationpolicy.yaml")]:
        with open(path, "rb") as f:
            write("manifests", os.path.basename(path), f.read())
    with open(os.path.join(SHARED, "vectors", "authz.json"), encoding="utf-8") as f:
        policy_sets = json.load(f)["policySets"]
    for name in sorted(policy_sets)[::6]:
        documents = [json.dumps({"apiVersion": "security.istio.io/v1", "kind": "AuthorizationPolicy",
                                 "metadata": {"name": p["name"], "namespace": p["namespace"]}, "spec": p["spec"]})
                     for p in policy_sets[name]]
        write("manifests", f"authz-{name}", "\n---\n".join(documents).encode())

    for path in sorted(glob.glob(os.path.join(ROOT, "signatures", "*.rules"))):
        with open(path, encoding="utf-8") as f:
            rules = [line for line in f if line.startswith("alert ")]
        if rules:
            write("rules", os.path.basename(path), rules[len(rules) // 2].encode())


def har_entry(record):
    """A HAR 1.2 entry for a corpus record: its request with headers, query and body as postData."""
    host = next((v for n, v in record.get("headers", []) if n.lower() == "host"), "svc")
    request = {"method": record.get("method", "GET"), "url": f"http://{host}{record.get('uri', '/')}",
               "httpVersion": record.get("http_version", "HTTP/1.1"),
               "headers": [{"name": n, "value": v} for n, v in record.get("headers", [])],
               "queryString": [], "cookies": [], "headersSize": -1, "bodySize": -1}
    if record.get("body"):
        content_type = next((v for n, v in record.get("headers", []) if n.lower() == "content-type"), "")
        request["postData"] = ({"mimeType": content_type, "text": record["body"], "encoding": "base64"}
                               if record.get("body_base64") else {"mimeType": content_type, "text": record["body"]})
    return {"startedDateTime": "2026-12-01T10:00:00.000Z", "time": 1, "request": request,
            "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [],
                         "content": {"size": 0, "mimeType": "text/plain"}, "redirectURL": "", "headersSize": -1, "bodySize": 0},
            "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0}}


if __name__ == "__main__":
    sys.exit(main())
