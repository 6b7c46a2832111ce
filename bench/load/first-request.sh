#!/usr/bin/env bash
# What the first request after a start costs `ewids proxy --mode enforce`: starts the proxy STARTS times (pinned to core
# $SERVER_CPU, in front of an nginx upstream on core $CLIENT_CPU), waits for /readyz as Kubernetes would, sends one mesh
# GET from a trusted caller and prints the histogram buckets its inspection and its verdict wait fell in, and what
# became of it (forwarded, or failed_open when it outlasted --inspect-timeout).
#
#   bench/load/first-request.sh                       # publishes src/EastWestIds.Host first
#   EWIDS_DIR=/tmp/ewids STARTS=10 bench/load/first-request.sh
#
# Settings (environment): STARTS (5) EWIDS_DIR EWIDS_ARGS SERVER_CPU (1) CLIENT_CPU (0) UPSTREAM_PORT (18300)
#   PROXY_PORT (18321) EWIDS_ADMIN_PORT (19321). Needs nginx, curl, taskset and the .NET 10 SDK (when publishing).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
STARTS=${STARTS:-5}
SERVER_CPU=${SERVER_CPU:-1}
CLIENT_CPU=${CLIENT_CPU:-0}
UPSTREAM_PORT=${UPSTREAM_PORT:-18300}
PROXY_PORT=${PROXY_PORT:-18321}
EWIDS_ADMIN_PORT=${EWIDS_ADMIN_PORT:-19321}
NGINX=${NGINX:-/usr/sbin/nginx}

die() { printf 'first-request.sh: %s\n' "$*" >&2; exit 1; }
[[ -x $NGINX ]] || die "needs nginx (apt-get install nginx-light)"

work=$(mktemp -d /tmp/ewids-first-request.XXXXXX)
upstream_pid=
proxy_pid=
cleanup() {
  for pid in $proxy_pid $upstream_pid; do kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

ewids_dir=${EWIDS_DIR:-$work/ewids}
if [[ -z ${EWIDS_DIR:-} ]]; then
  (cd "$repo" && dotnet publish src/EastWestIds.Host -c Release -o "$ewids_dir" -nologo -v quiet) >"$work/publish.log" 2>&1 \
    || { cat "$work/publish.log" >&2; die "publish failed"; }
fi

# The upstream: nginx answering "ok", as in proxy.sh (role upstream of nginx-proxy.conf).
mkdir -p "$work/up"
awk -v role=upstream '/# ROLE / { keep = ($3 == role); skip = !keep; next } /# END / { skip = 0; next } !skip' "$here/nginx-proxy.conf" \
  | sed -e "s|@PREFIX@|$work/up|g" -e "s|@UPSTREAM_PORT@|$UPSTREAM_PORT|g" -e "s|@PROXY_PORT@|$PROXY_PORT|g" >"$work/up/nginx.conf"
user=(-g 'daemon off;')
[[ $(id -u) == 0 ]] && user=(-g 'daemon off; user root;')
taskset -c "$CLIENT_CPU" "$NGINX" -p "$work/up/" -c "$work/up/nginx.conf" -e "$work/up/error.log" "${user[@]}" >/dev/null 2>&1 &
upstream_pid=$!

xfcc='By=spiffe://cluster.local/ns/default/sa/default;Hash=e40c5a1bd9a8f5d7c4b6e3f2a1908d7c6b5a4e3f2d1c0b9a8f7e6d5c4b3a24df;Subject="";URI=spiffe://cluster.local/ns/default/sa/bookinfo-productpage'
first_bucket() { # metrics histogram-prefix: upper bound of the lowest bucket holding the one observation
  grep "^$2" <<<"$1" | sed -n 's/.*le="\([^"]*\)"} \([0-9.e+]*\)$/\1 \2/p' | awk '$2 > 0 { print $1; exit }'
}
for start in $(seq 1 "$STARTS"); do
  rm -rf "$work/data"
  # shellcheck disable=SC2086 # EWIDS_ARGS is a list of arguments
  taskset -c "$SERVER_CPU" "$ewids_dir/ewids" proxy --mode enforce --listen-address 127.0.0.1 --listen "$PROXY_PORT" \
    --upstream "http://127.0.0.1:$UPSTREAM_PORT" --admin-address 127.0.0.1 --admin-port "$EWIDS_ADMIN_PORT" \
    --data-dir "$work/data" ${EWIDS_ARGS:-} >"$work/ewids.log" 2>&1 &
  proxy_pid=$!
  for _ in $(seq 1 1200); do
    kill -0 "$proxy_pid" 2>/dev/null || { cat "$work/ewids.log" >&2; die "ewids did not start"; }
    curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$EWIDS_ADMIN_PORT/readyz" && break
    sleep 0.1
  done
  sleep 1 # the first request comes a little after readiness, as a Service's endpoints update
  total=$(curl -s -o /dev/null -w '%{time_total}' -H 'Host: reviews:9080' -H "x-forwarded-client-cert: $xfcc" \
    -H 'user-agent: Mozilla/5.0' "http://127.0.0.1:$PROXY_PORT/reviews/0?page=1")
  metrics=$(curl -s "http://127.0.0.1:$EWIDS_ADMIN_PORT/metrics")
  outcome=$(grep '^eastwestids_inline_requests_total' <<<"$metrics" | grep -v ' 0$' | sed 's/.*outcome="\([a-z_]*\)"} .*/\1/' | tr '\n' ' ')
  printf 'start %d: answered in %.0f ms; inspection <= %s s, verdict wait <= %s s; %s\n' "$start" \
    "$(awk -v t="$total" 'BEGIN { print t * 1000 }')" \
    "$(first_bucket "$metrics" 'eastwestids_inline_inspection_seconds_bucket')" \
    "$(first_bucket "$metrics" 'eastwestids_inline_verdict_wait_seconds_bucket{mode="enforce"')" "$outcome"
  kill -TERM "$proxy_pid"; wait "$proxy_pid" 2>/dev/null || true; proxy_pid=
done
