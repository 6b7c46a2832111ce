#!/usr/bin/env bash
# Load test of the inline proxy: `ewids proxy --mode enforce` vs a plain YARP proxy (bench/PlainYarp, no inspection)
# vs nginx proxy_pass, all in front of the same upstream (nginx answering "ok"), in one run. bench/README.md says how
# to read the figures.
#
#   bench/load/proxy.sh                                  # everything: publish, then nginx, yarp, ewids
#   DURATION=5s WARMUP=3s HALF_LOAD=0 bench/load/proxy.sh   # a short smoke run
#   PROXIES="yarp ewids" EWIDS_ARGS="--mode monitor" bench/load/proxy.sh
#
# Per proxy, alone on core $SERVER_CPU (taskset), with wrk -t1 and the upstream sharing core $CLIENT_CPU:
#   1. maximum load: wrk -c$CONNECTIONS for $WARMUP (discarded), then $DURATION: requests/s, p50/p99, CPU per request
#      (utime+stime of the proxy process over the run ÷ requests; the upstream's CPU is not counted), peak RSS;
#   2. half load (HALF_LOAD=1): paced-request.lua offers half of plain YARP's maximum requests/s (or of the proxy's own
#      when YARP is not in PROXIES) for $DURATION: p50/p99 latency. The same rate is offered to the upstream directly,
#      so "p99 added" = p99 through the proxy − p99 direct. When ewids' own maximum is below YARP's (so that rate
#      overloads it), ewids and the upstream are also measured at half of ewids' own maximum (rows ewids-own, direct-own).
# Then the ratios the issue sets targets for: ewids ÷ yarp CPU per request (≤ 1.3), p99 added at half load (< 1 ms).
#
# Settings (environment): DURATION (15s) WARMUP (45s) CONNECTIONS (64) SERVER_CPU (1) CLIENT_CPU (0)
#   PROXIES ("nginx yarp ewids") HALF_LOAD (1) UPSTREAM_PORT (18300) PROXY_PORT (18301) EWIDS_ADMIN_PORT (19301)
#   EWIDS_ARGS (extra `ewids proxy` arguments, e.g. "--mode monitor"; the alert store runs as by default, SQLite in the
#   temp directory, and "--store none" leaves it out) EWIDS_DIR / YARP_DIR (use these publish
#   directories instead of publishing) INLINE_COMPLETIONS (0; 1 sets DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS for
#   both .NET proxies) KEEP_WORK=1 (keep the temp directory) PACING (exponential; "constant" for a fixed wait between
#   a connection's requests at half load, see paced-request.lua) HALF_RATE (offer this many requests/s at half load
#   instead of half of YARP's maximum: compares builds of ewids at one rate without measuring YARP each time).
# Needs nginx, wrk, taskset, curl, the .NET 10 SDK and two cores; as root it installs the packages it lacks.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

DURATION=${DURATION:-15s}
# 45 s, not 10: under full load on one pinned core, .NET's tiered JIT needs tens of seconds to promote the hot
# paths out of tier 0 (a 10 s warm-up measured both .NET proxies at about three times their settled CPU per request).
WARMUP=${WARMUP:-45s}
CONNECTIONS=${CONNECTIONS:-64}
SERVER_CPU=${SERVER_CPU:-1}
CLIENT_CPU=${CLIENT_CPU:-0}
PROXIES=${PROXIES:-nginx yarp ewids}
HALF_LOAD=${HALF_LOAD:-1}
UPSTREAM_PORT=${UPSTREAM_PORT:-18300}
PROXY_PORT=${PROXY_PORT:-18301}
EWIDS_ADMIN_PORT=${EWIDS_ADMIN_PORT:-19301}
EWIDS_ARGS=${EWIDS_ARGS:-}
INLINE_COMPLETIONS=${INLINE_COMPLETIONS:-0}
NGINX=${NGINX:-/usr/sbin/nginx}

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'proxy.sh: %s\n' "$*" >&2; exit 1; }

missing=()
[[ -x $NGINX ]] || missing+=(nginx-light)
command -v wrk >/dev/null || missing+=(wrk)
command -v taskset >/dev/null || missing+=(util-linux)
command -v curl >/dev/null || missing+=(curl)
command -v pgrep >/dev/null || missing+=(procps)
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    die "missing ${missing[*]}: run as root, or: sudo apt-get install -y ${missing[*]}"
  fi
fi
(($(nproc --all) >= 2)) || die "needs two cores: the proxy on $SERVER_CPU, wrk and the upstream on $CLIENT_CPU"
for port in "$UPSTREAM_PORT" "$PROXY_PORT" "$EWIDS_ADMIN_PORT"; do
  if ss -Htln "sport = :$port" | grep -q .; then die "port $port is in use (set UPSTREAM_PORT/PROXY_PORT/EWIDS_ADMIN_PORT)"; fi
done

work=$(mktemp -d /tmp/ewids-proxy-load.XXXXXX)
server_pid=
upstream_pid=
cleanup() {
  for pid in $server_pid $upstream_pid; do
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  if [[ ${KEEP_WORK:-0} == 1 ]]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- publish ---------------------------------------------------------------------------------------------------
publish() { # project dir var
  log "dotnet publish $1 -c Release -o $2"
  (cd "$repo" && dotnet publish "$1" -c Release -o "$2" -nologo -v quiet) >"$work/publish.log" 2>&1 \
    || { cat "$work/publish.log" >&2; die "publish of $1 failed"; }
}
if [[ " $PROXIES " == *" ewids "* ]]; then
  ewids_dir=${EWIDS_DIR:-$work/ewids}
  [[ -n ${EWIDS_DIR:-} ]] || publish src/EastWestIds.Host "$ewids_dir"
  [[ -x $ewids_dir/ewids ]] || die "no $ewids_dir/ewids"
fi
if [[ " $PROXIES " == *" yarp "* ]]; then
  yarp_dir=${YARP_DIR:-$work/yarp}
  [[ -n ${YARP_DIR:-} ]] || publish bench/PlainYarp "$yarp_dir"
  [[ -x $yarp_dir/PlainYarp ]] || die "no $yarp_dir/PlainYarp"
fi

# --- measuring -------------------------------------------------------------------------------------------------
clk_tck=$(getconf CLK_TCK)
tree_pids() { echo "$1"; pgrep -P "$1" || true; }
cpu_ticks() { # utime+stime over the process tree
  local total=0 p u t
  for p in $(tree_pids "$1"); do
    read -r u t < <(awk '{ sub(/^.*\) /, ""); print $12, $13 }' "/proc/$p/stat" 2>/dev/null || echo 0 0)
    total=$((total + u + t))
  done
  echo "$total"
}
hwm_kb() {
  local total=0 p v
  for p in $(tree_pids "$1"); do
    v=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}
field() { sed -n "s/.*[ ]$2=\([0-9]*\).*/\1/p" <<<"$1"; }
wait_for() { # url pid
  for _ in $(seq 1 300); do
    kill -0 "$2" 2>/dev/null || return 1
    if curl -s -o /dev/null --max-time 1 "$1"; then return 0; fi
    sleep 0.05
  done
  return 1
}
wrk_run() { # out duration connections script
  taskset -c "$CLIENT_CPU" env EWIDS_BENCH_DIR="$here" DELAY_MS="${DELAY_MS:-0}" \
    wrk -t1 -c"$3" -d"$2" --latency -s "$4" "http://127.0.0.1:$PROXY_TARGET_PORT/" >"$1" 2>&1 \
    || { cat "$1" >&2; die "wrk failed"; }
  grep '^RESULT' "$1" || die "no RESULT line in $1"
}

declare -A rps cpu_us p99 rss half_p50 half_p99 non2xx
half_rate=${HALF_RATE:-}
own_half_rate=
measure_max() { # name pid
  local name=$1 pid=$2 result
  log "$name: warm-up $WARMUP"
  PROXY_TARGET_PORT=$PROXY_PORT wrk_run "$work/$name.warmup" "$WARMUP" "$CONNECTIONS" "$here/mirror-request.lua" >/dev/null
  ewids_failures "$name" "after the warm-up"
  ewids_gcs "$name"
  local before; before=$(cpu_ticks "$pid")
  log "$name: maximum load for $DURATION"
  result=$(PROXY_TARGET_PORT=$PROXY_PORT wrk_run "$work/$name.max" "$DURATION" "$CONNECTIONS" "$here/mirror-request.lua")
  local ticks=$(($(cpu_ticks "$pid") - before))
  local requests duration
  requests=$(field "$result" requests); duration=$(field "$result" duration_us)
  rps[$name]=$(awk -v r="$requests" -v d="$duration" 'BEGIN { printf "%.0f", r / (d / 1e6) }')
  cpu_us[$name]=$(awk -v t="$ticks" -v h="$clk_tck" -v r="$requests" 'BEGIN { printf "%.2f", t / h * 1e6 / r }')
  p99[$name]=$(field "$result" p99_us)
  non2xx[$name]=$(field "$result" status)
  rss[$name]=$(($(hwm_kb "$pid") / 1024))
  printf '%s: %s req/s, p50 %s µs, p99 %s µs, CPU %s µs/request, peak RSS %s MiB, non-2xx %s\n' \
    "$name" "${rps[$name]}" "$(field "$result" p50_us)" "${p99[$name]}" "${cpu_us[$name]}" "${rss[$name]}" "${non2xx[$name]}"
}
measure_half() { # name port [rate: default half of YARP's maximum]
  local name=$1 port=$2 rate=${3:-$half_rate} result
  # wrk's delay() is whole milliseconds: enough connections that each waits at least 5 ms between requests.
  local connections=$(((rate * 5 + 999) / 1000)); ((connections >= 1)) || connections=1
  local delay=$((connections * 1000 / rate)); ((delay >= 1)) || delay=1
  log "$name: half load, about $rate req/s ($connections connections, $delay ms apart) for $DURATION"
  result=$(PROXY_TARGET_PORT=$port DELAY_MS=$delay wrk_run "$work/$name.half" "$DURATION" "$connections" "$here/paced-request.lua")
  half_p50[$name]=$(field "$result" p50_us)
  half_p99[$name]=$(field "$result" p99_us)
  printf '%s at half load: %s req/s offered, p50 %s µs, p99 %s µs\n' "$name" "$rate" "${half_p50[$name]}" "${half_p99[$name]}"
}
stop_server() {
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}
start_nginx() { # role port-var-name cpu
  local prefix=$work/nginx-$1
  mkdir -p "$prefix"
  # keep only this role's server block
  awk -v role="$1" '/# ROLE / { keep = ($3 == role); skip = !keep; next } /# END / { skip = 0; next } !skip' "$here/nginx-proxy.conf" \
    | sed -e "s|@PREFIX@|$prefix|g" -e "s|@UPSTREAM_PORT@|$UPSTREAM_PORT|g" -e "s|@PROXY_PORT@|$PROXY_PORT|g" >"$prefix/nginx.conf"
  local user=(-g 'daemon off;')
  [[ $(id -u) == 0 ]] && user=(-g 'daemon off; user root;')
  taskset -c "$3" "$NGINX" -p "$prefix/" -c "$prefix/nginx.conf" -e "$prefix/error.log" "${user[@]}" >"$prefix/stdout.log" 2>&1 &
}

# --- the upstream, on the client core --------------------------------------------------------------------------
start_nginx upstream UPSTREAM_PORT "$CLIENT_CPU"
upstream_pid=$!
wait_for "http://127.0.0.1:$UPSTREAM_PORT/" "$upstream_pid" || { cat "$work"/nginx-upstream/*.log >&2; die "upstream nginx did not start"; }
log "upstream: nginx on core $CLIENT_CPU, port $UPSTREAM_PORT"

dotnet_env=(DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS="$INLINE_COMPLETIONS" DOTNET_TieredPGO=1 DOTNET_gcServer=0)
run_proxy() { # name
  case $1 in
    nginx)
      start_nginx proxy PROXY_PORT "$SERVER_CPU"; server_pid=$! ;;
    yarp)
      env "${dotnet_env[@]}" taskset -c "$SERVER_CPU" "$yarp_dir/PlainYarp" --listen "$PROXY_PORT" --upstream "http://127.0.0.1:$UPSTREAM_PORT" \
        >"$work/yarp.stdout" 2>"$work/yarp.stderr" &
      server_pid=$! ;;
    ewids)
      # shellcheck disable=SC2086 # EWIDS_ARGS is a list of arguments
      env "${dotnet_env[@]}" taskset -c "$SERVER_CPU" "$ewids_dir/ewids" proxy --mode enforce \
        --listen-address 127.0.0.1 --listen "$PROXY_PORT" --upstream "http://127.0.0.1:$UPSTREAM_PORT" \
        --admin-address 127.0.0.1 --admin-port "$EWIDS_ADMIN_PORT" --eve "$work/eve.json" --data-dir "$work/data" $EWIDS_ARGS \
        >"$work/ewids.stdout" 2>"$work/ewids.stderr" &
      server_pid=$! ;;
    *) die "unknown proxy '$1' in PROXIES (nginx, yarp, ewids)" ;;
  esac
  if [[ $1 == ewids ]]; then
    # As Kubernetes would: no traffic before /readyz, which in enforce mode waits for the warm-up. Not even a probe of
    # the proxy port: a request sent before then may wait out --inspect-timeout and count as an engine failure (in
    # session 9 such probes were 1-2 of the timeouts counted "after the warm-up").
    for _ in $(seq 1 1200); do
      kill -0 "$server_pid" 2>/dev/null || { cat "$work"/*.stderr >&2; die "ewids did not start"; }
      curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$EWIDS_ADMIN_PORT/readyz" && break
      sleep 0.1
    done
    curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$EWIDS_ADMIN_PORT/readyz" || die "ewids never became ready"
  fi
  wait_for "http://127.0.0.1:$PROXY_PORT/" "$server_pid" || { cat "$work"/*.stderr "$work"/nginx-proxy/*.log 2>/dev/null >&2; die "$1 did not start"; }
}

# ewids' garbage collections so far, per generation: a blocking gen2 collection of the built rule set's heap (~470 MiB)
# is a latency spike, which a phase's p99 shows and this count explains.
ewids_gcs() {
  [[ $1 == ewids* ]] || return 0
  local metrics; metrics=$(curl -s "http://127.0.0.1:$EWIDS_ADMIN_PORT/metrics")
  log "$1: GCs so far (gen0 gen1 gen2): $(sed -n 's/^dotnet_collection_count_total{generation="\([012]\)"} \([0-9]*\).*/\2/p' <<<"$metrics" | tr '\n' ' ')," \
    "paused $(awk '$1 == "dotnet_gc_pause_seconds_total" { printf "%.0f ms", $2 * 1000 }' <<<"$metrics")"
}

# ewids' engine failures so far (timeouts, overload): logged after the warm-up too, so that failures while the rules'
# regexes are still being built at start-up are told apart from failures in the measured phases.
ewids_failures() {
  [[ $1 == ewids* ]] || return 0
  log "$1: engine failures $2: $(curl -s "http://127.0.0.1:$EWIDS_ADMIN_PORT/metrics" |
    sed -n 's/^eastwestids_inline_engine_failures_total{.*reason="\([a-z]*\)"} \([0-9]*\).*/\1=\2/p' | grep -v '=0$' | tr '\n' ' ')"
}

# Where ewids' latency at half load goes: the phase's quantiles of how long requests waited for their verdict and how
# long inspections took (from the histograms' bucket counts before and after the phase: upper bucket bounds).
histogram_snapshot() { # name-regex
  curl -s "http://127.0.0.1:$EWIDS_ADMIN_PORT/metrics" | grep -E "^($1)_bucket" | sed 's/^\([a-z_]*\)_bucket{\(mode="enforce",\)\{0,1\}le="\([^"]*\)"} \([0-9.e+]*\)$/\1 \3 \4/' | grep -v '{'
}
phase_quantiles() { # before-file after-file: per histogram, p50 and p99 of the counts added between the two
  join -j1 <(awk '{ print $1 "|" $2, $3 }' "$1" | sort) <(awk '{ print $1 "|" $2, $3 }' "$2" | sort) |
    awk '{ split($1, k, "|"); d = $3 - $2; le = k[2] == "+Inf" ? 1e9 : k[2] + 0; print k[1], le, d }' | sort -k1,1 -k2,2g |
    awk '{ n[$1]++; le[$1, n[$1]] = $2; c[$1, n[$1]] = $3 }
         END { for (h in n) { total = c[h, n[h]]; if (total == 0) continue; p50 = p99 = ""
                 for (i = 1; i <= n[h]; i++) { if (p50 == "" && c[h, i] >= total * 0.5) p50 = le[h, i]; if (p99 == "" && c[h, i] >= total * 0.99) p99 = le[h, i] }
                 printf "%s: p50 <= %g µs, p99 <= %g µs (%d)\n", h, p50 * 1e6, p99 * 1e6, total } }'
}
measure_half_phase() { # name port [rate]: measure_half, plus ewids' verdict-wait and inspection quantiles over the phase
  local before=$work/$1.hist.before after=$work/$1.hist.after
  [[ $1 != ewids* ]] || histogram_snapshot 'eastwestids_inline_(verdict_wait|inspection)_seconds' >"$before"
  measure_half "$@"
  [[ $1 != ewids* ]] || { histogram_snapshot 'eastwestids_inline_(verdict_wait|inspection)_seconds' >"$after"; phase_quantiles "$before" "$after" | sed "s/^/    $1 /" >&2; }
}

# YARP first: its maximum sets the half-load rate for everyone.
ordered=()
[[ " $PROXIES " == *" yarp "* ]] && ordered+=(yarp)
for name in $PROXIES; do [[ $name == yarp ]] || ordered+=("$name"); done
for name in "${ordered[@]}"; do
  log "$name on core $SERVER_CPU, port $PROXY_PORT"
  run_proxy "$name"
  measure_max "$name" "$server_pid"
  ewids_gcs "$name"
  if [[ $HALF_LOAD == 1 ]]; then
    [[ -n $half_rate ]] || half_rate=$((rps[$name] / 2))
    measure_half_phase "$name" "$PROXY_PORT"
    ewids_gcs "$name"
    # When ewids' own maximum is below YARP's, half of YARP's maximum overloads it and that phase measures a growing
    # queue; half of its own maximum says what it adds at moderate load (the issue's other reading of "half load").
    if [[ $name == ewids ]] && ((rps[ewids] / 2 < half_rate)); then
      own_half_rate=$((rps[ewids] / 2))
      measure_half_phase ewids-own "$PROXY_PORT" "$own_half_rate"
      ewids_gcs ewids-own
    fi
  fi
  if [[ $name == ewids ]]; then
    curl -s "http://127.0.0.1:$EWIDS_ADMIN_PORT/metrics" | grep -E '^eastwestids_((inline_requests|inline_engine_failures|alerts|inline_inspection_workers_added)_total|inline_inspection_batch_size_(sum|count))' | grep -v ' 0$' | sed 's/^/    /' >&2 || true
  fi
  stop_server
done
if [[ $HALF_LOAD == 1 && -n $half_rate ]]; then
  measure_half direct "$UPSTREAM_PORT"
  [[ -z $own_half_rate ]] || measure_half direct-own "$UPSTREAM_PORT" "$own_half_rate"
fi

# --- summary ---------------------------------------------------------------------------------------------------
echo
printf '%-10s %11s %9s %15s %13s %14s %14s\n' proxy "requests/s" "p99 µs" "CPU µs/request" "peak RSS MiB" "half-load p50" "half-load p99"
for name in "${ordered[@]}" direct ewids-own direct-own; do
  [[ -n ${rps[$name]:-} || -n ${half_p99[$name]:-} ]] || continue
  printf '%-10s %11s %9s %15s %13s %14s %14s\n' "$name" "${rps[$name]:--}" "${p99[$name]:--}" "${cpu_us[$name]:--}" "${rss[$name]:--}" "${half_p50[$name]:--}" "${half_p99[$name]:--}"
done
if [[ -n ${cpu_us[ewids]:-} && -n ${cpu_us[yarp]:-} ]]; then
  awk -v a="${cpu_us[ewids]}" -v b="${cpu_us[yarp]}" 'BEGIN { printf "ewids/yarp CPU per request: %.2f× (target ≤ 1.3×)\n", a / b }'
fi
if [[ -n ${half_p99[ewids]:-} && -n ${half_p99[direct]:-} ]]; then
  awk -v a="${half_p99[ewids]}" -v b="${half_p99[direct]}" -v y="${half_p99[yarp]:-}" 'BEGIN {
    printf "p99 added at half load: ewids %.0f µs (target < 1000 µs)", a - b
    if (y != "") printf ", plain yarp %.0f µs", y - b
    printf "\n" }'
fi
if [[ -n ${half_p99[ewids-own]:-} && -n ${half_p99[direct-own]:-} ]]; then
  awk -v a="${half_p99[ewids-own]}" -v b="${half_p99[direct-own]}" -v r="$own_half_rate" 'BEGIN {
    printf "p99 added at half of ewids'"'"' own maximum (%d req/s): %.0f µs\n", r, a - b }'
fi
for name in "${ordered[@]}"; do
  if [[ ${non2xx[$name]:-0} != 0 ]]; then log "WARNING: $name answered ${non2xx[$name]} requests with a non-2xx status: figures are not comparable"; fi
done
