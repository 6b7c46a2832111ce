#!/usr/bin/env bash
# Load test of the mirror port against nginx, in one run (bench/README.md has the figures and how to read them).
#
#   bench/load/run.sh                       # publish ewids (Release), then nginx `return 204;` and `ewids serve`
#   DURATION=30s bench/load/run.sh
#   EWIDS_ARGS="--analysis-workers 2" SERVERS=ewids bench/load/run.sh
#
# Each server runs alone on core $SERVER_CPU (taskset); `wrk -t1 -c$CONNECTIONS` runs on core $CLIENT_CPU and sends
# the mirrored request of DESIGN.md (mirror-request.lua) for $WARMUP (discarded), then for $DURATION (measured).
# Printed per server: requests/s, p50/p99 latency, peak RSS (VmHWM), CPU per request (utime+stime of the server's
# processes over the measured run ÷ requests) and its kernel share, how busy the server's core and wrk were,
# context switches per request, and a warning when other processes used either core; for ewids also its request
# counters, exit code and stderr. Then ewids ÷ nginx.
#
# Settings (environment): DURATION (15s) WARMUP (10s) CONNECTIONS (64) SERVER_CPU (1) CLIENT_CPU (0)
#   SERVERS ("nginx ewids") NGINX_PORT (18204) EWIDS_PORT (18080) EWIDS_ADMIN_PORT (19090)
#   EWIDS_ARGS (extra `ewids serve` arguments) EWIDS_DIR (use this publish directory instead of publishing)
#   INLINE_COMPLETIONS (1: DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS for ewids; 0 to see what it buys)
#   KEEP_WORK=1 (keep the temp directory: configs, logs, wrk output)
#   WAIT_IDLE=1 (before each server, wait until nothing else runs: on a shared machine the figures are noise otherwise).
# Needs nginx, wrk, taskset, curl, the .NET 10 SDK and two cores; as root it installs the packages it lacks.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-64}
SERVER_CPU=${SERVER_CPU:-1}
CLIENT_CPU=${CLIENT_CPU:-0}
SERVERS=${SERVERS:-nginx ewids}
NGINX_PORT=${NGINX_PORT:-18204}
EWIDS_PORT=${EWIDS_PORT:-18080}
EWIDS_ADMIN_PORT=${EWIDS_ADMIN_PORT:-19090}
EWIDS_ARGS=${EWIDS_ARGS:-}
INLINE_COMPLETIONS=${INLINE_COMPLETIONS:-1}
NGINX=${NGINX:-/usr/sbin/nginx}

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

# --- tools -----------------------------------------------------------------------------------------------------
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
command -v dotnet >/dev/null || [[ -n ${EWIDS_DIR:-} ]] || die "the .NET 10 SDK (dotnet) is needed to publish ewids"
(($(nproc --all) >= 2)) || die "needs two cores: the server on $SERVER_CPU, wrk on $CLIENT_CPU"
for port in "$NGINX_PORT" "$EWIDS_PORT" "$EWIDS_ADMIN_PORT"; do
  if ss -Htln "sport = :$port" | grep -q .; then die "port $port is in use (set NGINX_PORT/EWIDS_PORT/EWIDS_ADMIN_PORT)"; fi
done

# The figures only mean something on an otherwise idle machine.
idle_check() {
  local a b
  a=$(awk '$1 == "cpu" { t = 0; for (i = 2; i <= 9; i++) t += $i; print t - $5 - $6, t }' /proc/stat)
  sleep 1
  b=$(awk '$1 == "cpu" { t = 0; for (i = 2; i <= 9; i++) t += $i; print t - $5 - $6, t }' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); printf "%.0f", 100 * (y[1] - x[1]) / (y[2] - x[2]) }'
}

work=$(mktemp -d /tmp/ewids-load.XXXXXX)
server_pid=
cleanup() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ ${KEEP_WORK:-0} == 1 ]]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- publish ---------------------------------------------------------------------------------------------------
if [[ " $SERVERS " == *" ewids "* ]]; then
  if [[ -n ${EWIDS_DIR:-} ]]; then
    ewids_dir=$EWIDS_DIR
  else
    ewids_dir=$work/ewids
    log "dotnet publish src/EastWestIds.Host -c Release -o $ewids_dir"
    (cd "$repo" && dotnet publish src/EastWestIds.Host -c Release -o "$ewids_dir" -nologo -v quiet) >"$work/publish.log" 2>&1 \
      || { cat "$work/publish.log" >&2; die "publish failed"; }
  fi
  [[ -x $ewids_dir/ewids ]] || die "no $ewids_dir/ewids"
fi

# --- measuring a process tree ----------------------------------------------------------------------------------
clk_tck=$(getconf CLK_TCK)
tree_pids() { echo "$1"; pgrep -P "$1" || true; }
# "utime stime" in clock ticks, summed over the process and its children (nginx: master + worker)
cpu_ticks() {
  local user=0 sys=0 p u t
  for p in $(tree_pids "$1"); do
    read -r u t < <(awk '{ sub(/^.*\) /, ""); print $12, $13 }' "/proc/$p/stat" 2>/dev/null || echo 0 0)
    user=$((user + u)); sys=$((sys + t))
  done
  echo "$user $sys"
}
# sum of a /proc/<pid>/status field (kB) over the tree
status_kb() {
  local total=0 p v
  for p in $(tree_pids "$1"); do
    v=$(awk -v f="$2:" '$1 == f { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}
# busy, total and stolen jiffies of one core, from /proc/stat (steal: time the hypervisor gave to someone else)
core_ticks() { awk -v c="cpu$1" '$1 == c { t = 0; for (i = 2; i <= 9; i++) t += $i; print t - $5 - $6 - $9, t, $9 }' /proc/stat; }
# % of a core's time stolen by the hypervisor between two core_ticks
stolen() { awk -v b="$1" -v a="$2" 'BEGIN { split(b, x, " "); split(a, y, " "); t = y[2] - x[2]; s = t > 0 ? 100 * (y[3] - x[3]) / t : 0; printf "%.0f", s }'; }
# voluntary + involuntary context switches over every thread of the tree
ctx_switches() {
  local total=0 p v
  for p in $(tree_pids "$1"); do
    v=$(cat /proc/"$p"/task/*/status 2>/dev/null | awk '/^(non)?voluntary_ctxt_switches:/ { s += $2 } END { print s + 0 }')
    total=$((total + v))
  done
  echo "$total"
}
threads() { awk '$1 == "Threads:" { print $2 }' "/proc/$1/status"; }

wait_for() { # url, pid
  for _ in $(seq 1 200); do
    kill -0 "$2" 2>/dev/null || return 1
    if curl -s -o /dev/null --max-time 1 "$1"; then return 0; fi
    sleep 0.05
  done
  return 1
}

# wrk on the client core; prints its report, leaves "RESULT ..." in $work/<name>.<phase>.wrk
# (and wrk's own user+sys seconds in <...>.time when GNU time is there)
run_wrk() { # name phase duration port
  local out=$work/$1.$2.wrk timer=()
  [[ -x /usr/bin/time ]] && timer=(/usr/bin/time -f '%U %S' -o "$out.time")
  "${timer[@]}" taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d"$3" --latency -s "$here/mirror-request.lua" \
    "http://127.0.0.1:$4/" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed against $1"; }
}

# WAIT_IDLE=1: before each server, wait (up to 10 minutes) until the machine has been idle for 3 s.
wait_idle() {
  [[ ${WAIT_IDLE:-0} == 1 ]] || return 0
  local quiet=0
  for _ in $(seq 1 600); do
    if (($(idle_check) < 10)); then quiet=$((quiet + 1)); else quiet=0; fi
    ((quiet >= 3)) && return 0
  done
  log "WARNING: the machine did not become idle"
}
field() { sed -n "s/.*[ ]$2=\([0-9]*\).*/\1/p" <<<"$1"; }

declare -A rps cpu_us p99 rss switches
measure() { # name port pid
  local name=$1 port=$2 pid=$3
  wait_idle
  local busy_before; busy_before=$(idle_check)
  if ((busy_before > 10)); then log "WARNING: the machine was $busy_before% busy before $name started (other builds or tests?)"; fi
  log "$name: warm-up $WARMUP"
  run_wrk "$name" warmup "$WARMUP" "$port"
  local rss_warm; rss_warm=$(status_kb "$pid" VmRSS)
  local before; before=$(cpu_ticks "$pid")
  local switches_before; switches_before=$(ctx_switches "$pid")
  local core_before; core_before=$(core_ticks "$SERVER_CPU")
  local client_before; client_before=$(core_ticks "$CLIENT_CPU")
  log "$name: measuring $DURATION"
  run_wrk "$name" run "$DURATION" "$port"
  local after; after=$(cpu_ticks "$pid")
  local user_ticks=$((${after% *} - ${before% *})) sys_ticks=$((${after#* } - ${before#* }))
  local server_ticks=$((user_ticks + sys_ticks))
  local switches_after; switches_after=$(ctx_switches "$pid")
  local core_after; core_after=$(core_ticks "$SERVER_CPU")
  local client_after; client_after=$(core_ticks "$CLIENT_CPU")
  local result; result=$(grep '^RESULT' "$work/$name.run.wrk") || die "no RESULT line from wrk"
  local requests duration p50 errors
  requests=$(field "$result" requests); duration=$(field "$result" duration_us)
  p50=$(field "$result" p50_us); p99[$name]=$(field "$result" p99_us)
  errors=$(( $(field "$result" connect) + $(field "$result" read) + $(field "$result" write) + $(field "$result" timeout) ))
  rss[$name]=$(status_kb "$pid" VmHWM)
  rps[$name]=$(awk -v r="$requests" -v d="$duration" 'BEGIN { printf "%.0f", r / (d / 1e6) }')
  cpu_us[$name]=$(awk -v t="$server_ticks" -v h="$clk_tck" -v r="$requests" 'BEGIN { printf "%.2f", t / h * 1e6 / r }')
  switches[$name]=$(awk -v s=$((switches_after - switches_before)) -v r="$requests" 'BEGIN { printf "%.3f", s / r }')
  local kernel; kernel=$(awk -v u="$user_ticks" -v s="$sys_ticks" 'BEGIN { k = u + s > 0 ? 100 * s / (u + s) : 0; printf "%.0f", k }')
  local busy; busy=$(awk -v t="$server_ticks" -v h="$clk_tck" -v d="$duration" 'BEGIN { printf "%.0f", 100 * t / h / (d / 1e6) }')
  # What else ran on the server's core (other builds, tests): anything above a few % makes the figures noise.
  local others; others=$(awk -v b="$core_before" -v a="$core_after" -v s="$server_ticks" 'BEGIN {
    split(b, x, " "); split(a, y, " "); total = y[2] - x[2]; if (total <= 0) { print 0; exit }
    printf "%.0f", 100 * ((y[1] - x[1]) - s) / total }')
  if ((others > 5)); then log "WARNING: other processes used ~$others% of core $SERVER_CPU during the run: figures are disturbed"; fi
  local steal_server steal_client
  steal_server=$(stolen "$core_before" "$core_after"); steal_client=$(stolen "$client_before" "$client_after")
  if ((steal_server + steal_client > 2)); then
    log "WARNING: the hypervisor took $steal_server% of core $SERVER_CPU and $steal_client% of core $CLIENT_CPU (steal): other guests on the host disturb the figures"
  fi
  # The client core: wrk itself, and anything else there (which starves the client and lowers requests/s).
  local client="" client_others=0
  if [[ -s $work/$name.run.wrk.time ]]; then
    read -r client client_others < <(awk -v b="$client_before" -v a="$client_after" -v h="$clk_tck" -v d="$duration" \
      -v w="$(awk '{ print $1 + $2 }' "$work/$name.run.wrk.time")" 'BEGIN {
        split(b, x, " "); split(a, y, " "); total = y[2] - x[2]
        others = total > 0 ? 100 * ((y[1] - x[1]) - w * h) / total : 0
        printf "%.0f %.0f\n", 100 * w / (d / 1e6), others }')
    if ((client_others > 5)); then log "WARNING: other processes used ~$client_others% of core $CLIENT_CPU (wrk's) during the run"; fi
  fi
  sed -n '/Latency Distribution/,/requests in/p' "$work/$name.run.wrk" | sed 's/^/    /' >&2
  printf '%s: %s req/s, p50 %s µs, p99 %s µs, CPU %s µs/request (%s%% in the kernel; server core %s%% busy, wrk %s%%), %s context switches/request, peak RSS %s MiB (RSS %s → %s MiB over the run), %s threads, socket errors %s, non-2xx %s\n' \
    "$name" "${rps[$name]}" "$p50" "${p99[$name]}" "${cpu_us[$name]}" "$kernel" "$busy" "${client:-?}" "${switches[$name]}" $((rss[$name] / 1024)) \
    $((rss_warm / 1024)) $(($(status_kb "$pid" VmRSS) / 1024)) "$(threads "$pid")" "$errors" "$(field "$result" status)"
}

stop_server() {
  kill -TERM "$server_pid" 2>/dev/null || true
  local rc=0
  wait "$server_pid" 2>/dev/null || rc=$?
  server_pid=
  return $rc
}

# --- nginx -----------------------------------------------------------------------------------------------------
if [[ " $SERVERS " == *" nginx "* ]]; then
  prefix=$work/nginx
  mkdir -p "$prefix"
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@PORT@|$NGINX_PORT|g" "$here/nginx-204.conf" >"$prefix/nginx.conf"
  user=()
  [[ $(id -u) == 0 ]] && user=(-g 'daemon off; user root;') || user=(-g 'daemon off;')
  log "nginx $($NGINX -v 2>&1 | sed 's/.*\///') on core $SERVER_CPU, port $NGINX_PORT"
  taskset -c "$SERVER_CPU" "$NGINX" -p "$prefix/" -c "$prefix/nginx.conf" -e "$prefix/error.log" "${user[@]}" \
    >"$prefix/stdout.log" 2>&1 &
  server_pid=$!
  wait_for "http://127.0.0.1:$NGINX_PORT/" "$server_pid" || { cat "$prefix"/*.log >&2; die "nginx did not start"; }
  measure nginx "$NGINX_PORT" "$server_pid"
  stop_server || true
  if grep -q '\[\(error\|crit\|alert\|emerg\)\]' "$prefix/error.log"; then
    log "nginx error log:"; grep '\[\(error\|crit\|alert\|emerg\)\]' "$prefix/error.log" | tail -5 >&2
  fi
fi

# --- ewids -----------------------------------------------------------------------------------------------------
if [[ " $SERVERS " == *" ewids "* ]]; then
  log "ewids serve on core $SERVER_CPU, mirror port $EWIDS_PORT ${EWIDS_ARGS:+($EWIDS_ARGS) }(inline completions $INLINE_COMPLETIONS)"
  # shellcheck disable=SC2086 # EWIDS_ARGS is a list of arguments
  DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=$INLINE_COMPLETIONS DOTNET_TieredPGO=1 DOTNET_gcServer=0 \
    taskset -c "$SERVER_CPU" "$ewids_dir/ewids" serve \
    --mirror-address 127.0.0.1 --mirror-port "$EWIDS_PORT" \
    --admin-address 127.0.0.1 --admin-port "$EWIDS_ADMIN_PORT" \
    --eve "$work/eve.json" $EWIDS_ARGS \
    >"$work/ewids.stdout" 2>"$work/ewids.stderr" &
  server_pid=$!
  wait_for "http://127.0.0.1:$EWIDS_ADMIN_PORT/readyz" "$server_pid" || { cat "$work/ewids.stderr" >&2; die "ewids did not start"; }
  measure ewids "$EWIDS_PORT" "$server_pid"
  metrics=$(curl -s "http://127.0.0.1:$EWIDS_ADMIN_PORT/metrics" | grep -E '^eastwestids_(requests_received|requests_analysed|analysis_shed|http_rejected|alerts)_total' | grep -v ' 0$' || true)
  rc=0
  stop_server || rc=$?
  printf 'ewids: metrics after the run (non-zero):\n%s\n' "$(sed 's/^/    /' <<<"${metrics:-    (none)}")"
  printf 'ewids: exit code %s after SIGTERM; EVE file %s bytes; stderr lines other than the start-up line: %s\n' \
    "$rc" "$(stat -c %s "$work/eve.json" 2>/dev/null || echo 0)" "$(grep -vc '^ewids serve: mirror port' "$work/ewids.stderr" || true)"
  grep -v '^ewids serve: mirror port' "$work/ewids.stderr" | head -20 | sed 's/^/    /' >&2 || true
fi

# --- summary ---------------------------------------------------------------------------------------------------
echo
printf '%-6s %12s %10s %14s %16s %18s\n' server "requests/s" "p99 µs" "peak RSS MiB" "CPU µs/request" "ctx switches/req"
for name in nginx ewids; do
  [[ -n ${rps[$name]:-} ]] || continue
  printf '%-6s %12s %10s %14s %16s %18s\n' "$name" "${rps[$name]}" "${p99[$name]}" $((rss[$name] / 1024)) "${cpu_us[$name]}" "${switches[$name]}"
done
if [[ -n ${rps[nginx]:-} && -n ${rps[ewids]:-} ]]; then
  awk -v a="${rps[ewids]}" -v b="${rps[nginx]}" -v c="${cpu_us[ewids]}" -v d="${cpu_us[nginx]}" \
    'BEGIN { printf "ewids/nginx: requests/s %.2f× (target ≥ 0.85×), CPU per request %.2f×\n", a / b, c / d }'
fi
