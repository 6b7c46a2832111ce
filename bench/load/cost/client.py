# client.py PORT N [CONNS]: sends bench/load/mirror-request.lua's request N times over CONNS keep-alive connections (round robin), checks 200
import socket, sys
port, n = int(sys.argv[1]), int(sys.argv[2]); conns = int(sys.argv[3]) if len(sys.argv) > 3 else 1
req = ("GET /reviews/0 HTTP/1.1\r\nHost: reviews-shadow:9080\r\n"
 "user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\r\n"
 "x-request-id: 7f7344ac-039a-99ee-910b-7a1716fa9a6e\r\nx-forwarded-proto: http\r\nx-envoy-attempt-count: 1\r\n"
 "x-forwarded-for: 10.1.0.52\r\nx-envoy-internal: true\r\n"
 'x-forwarded-client-cert: By=spiffe://cluster.local/ns/default/sa/default;Hash=e40c5a1bd9a8f5d7c4b6e3f2a1908d7c6b5a4e3f2d1c0b9a8f7e6d5c4b3a24df;Subject="";URI=spiffe://cluster.local/ns/default/sa/bookinfo-productpage\r\n'
 "x-b3-traceid: d605f723bc9ff6b76e19334ef7882929\r\nx-b3-spanid: 9611f0bb69e6f424\r\n\r\n").encode()
socks = [socket.create_connection(("127.0.0.1", port)) for _ in range(conns)]
bufs = [b""] * conns
bad = 0
for i in range(n):
    k = i % conns; s = socks[k]
    s.sendall(req)
    buf = bufs[k]
    while True:
        h = buf.find(b"\r\n\r\n")
        if h >= 0:
            head = buf[:h].decode()
            cl = 0
            for line in head.split("\r\n")[1:]:
                name, _, v = line.partition(":")
                if name.lower() == "content-length": cl = int(v)
            if len(buf) >= h + 4 + cl:
                if not head.startswith("HTTP/1.1 200"): bad += 1
                buf = buf[h + 4 + cl:]; break
        chunk = s.recv(65536)
        if not chunk: raise SystemExit("closed")
        buf += chunk
    bufs[k] = buf
print(f"sent {n}, non-200 {bad}")
