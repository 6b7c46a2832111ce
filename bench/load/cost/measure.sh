#!/usr/bin/env bash
# measure.sh NAME WARMUP DURATION CONNS -- command...: runs the proxy command pinned to core 1 with the StatsHook startup hook,
# wrk (mirror-request.lua) on core 0 against ${PORT:-18401}, and prints per-request CPU, allocations, GCs, GC pause,
# thread-pool items and context switches of the measured run (counts do not depend on machine load; times do).
here=$(cd "$(dirname "$0")" && pwd); W=${COST_WORK:-/tmp/ewids-cost}; mkdir -p "$W"
set -u
[ -f "$W/hook/StatsHook.dll" ] || dotnet build "$here/StatsHook" -c Release -o "$W/hook" -nologo -v quiet >/dev/null
name=$1 warm=$2 dur=$3 conns=$4; shift 5
out=$W/stats-$name.txt; trig=$W/trigger-$name; rm -f "$out" "$trig"
STATS_TRIGGER=$trig STATS_OUT=$out DOTNET_STARTUP_HOOKS=$W/hook/StatsHook.dll DOTNET_TieredPGO=1 DOTNET_gcServer=0 env ${EXTRA_ENV:-} taskset -c 1 "$@" > $W/$name.stdout 2> $W/$name.stderr &
pid=$!
for i in $(seq 1 600); do curl -s -o /dev/null --max-time 1 http://127.0.0.1:${PORT:-18401}/ && break; sleep 0.1; done
snap() { echo "$1" > "$trig"; while [ -e "$trig" ]; do sleep 0.02; done; }
csw() { cat /proc/$pid/task/*/status 2>/dev/null | awk '/^voluntary_ctxt/ {v+=$2} /^nonvoluntary_ctxt/ {n+=$2} END {print v, n}'; }
ticks() { awk '{ sub(/^.*\) /, ""); print $12+$13 }' /proc/$pid/stat; }
snap start
cd "$here/.."
taskset -c 0 wrk -t1 -c$conns -d${WARM_OVERRIDE:-$warm} -s mirror-request.lua http://127.0.0.1:${PORT:-18401}/ > $W/$name.warm 2>&1
snap warm
t0=$(ticks); c0=$(csw)
if [ -n "${PERF:-}" ]; then perf record -e cpu-clock -F 2000 -g -p $pid -o $W/perf-$name.data -- sleep ${dur%s} > $W/perf-$name.log 2>&1 & perfpid=$!; fi
taskset -c 0 wrk -t1 -c$conns -d$dur --latency -s mirror-request.lua http://127.0.0.1:${PORT:-18401}/ > $W/$name.max 2>&1
t1=$(ticks); c1=$(csw)
[ -n "${perfpid:-}" ] && wait $perfpid
snap end
req=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' $W/$name.max)
dus=$(sed -n 's/.*duration_us=\([0-9]*\).*/\1/p' $W/$name.max)
kill -TERM $pid; wait $pid 2>/dev/null
echo "$c0 $c1 $req" | awk '{printf "   ctxsw/req voluntary=%.2f involuntary=%.2f\n", ($3-$1)/$5, ($4-$2)/$5}'
python3 - "$out" "$req" "$dus" "$t0" "$t1" "$name" <<'PY'
import sys
lines=[dict(kv.split('=',1) for kv in l.split()) for l in open(sys.argv[1])]
w,e=lines[1],lines[2]; req=int(sys.argv[2]); dus=int(sys.argv[3])
d=lambda k: float(e[k])-float(w[k])
print(f"{sys.argv[6]}: req={req} rps={req/(dus/1e6):.0f} cpu_us/req={d('cpu_ms')*1000/req:.1f} (user {d('user_ms')*1000/req:.1f} sys {d('sys_ms')*1000/req:.1f}) ticks_us/req={(int(sys.argv[5])-int(sys.argv[4]))*1e4/req:.1f}")
print(f"   gc0/1k req={d('gc0')*1000/req:.2f} gc1/1k={d('gc1')*1000/req:.3f} gc2/1k={d('gc2')*1000/req:.3f} pause_us/req={d('pause_ms')*1000/req:.2f} alloc_B/req={d('alloc')/req:.0f} heap={int(e['heap'])/1e6:.0f}MB promoted={e['promoted']} lastpause_us={e['lastpause_us']}")
print(f"   tp_items/req={d('tp_items')/req:.2f} threads={e['tp_threads']} contention/req={d('contention')/req:.3f} jit_methods+={d('jit_methods'):.0f} jit_ms+={d('jit_ms'):.0f}")
PY
