#!/usr/bin/env bash
# cgrun.sh NAME -- cmd...: user-space instructions per request under callgrind (all threads; DOTNET_TieredCompilation=0 unless TC=1).
# The proxy must listen on 18401 in front of an upstream; WARM_REQUESTS (300) then 300 more instrumented, then N1 (500) and N2
# (1000) requests, each window dumped: $COST_WORK/cg-NAME.last is the N2 window. Analyse with cginstr.py and cgdiff.py.
here=$(cd "$(dirname "$0")" && pwd); W=${COST_WORK:-/tmp/ewids-cost}; mkdir -p "$W"
name=$1; shift 2
rm -f $W/cg-$name.* /tmp/perf-*.map
while ss -Htln "sport = :18401" | grep -q .; do sleep 1; done
env DOTNET_TieredCompilation=${TC:-0} DOTNET_gcServer=0 DOTNET_EnableWriteXorExecute=0 DOTNET_PerfMapEnabled=1 ${EXTRA_ENV:-} \
  valgrind --tool=callgrind --smc-check=all --callgrind-out-file=$W/cg-$name.%p --instr-atstart=no --dump-instr=yes "$@" > $W/cg-$name.log 2>&1 &
vpid=$!
for i in $(seq 1 3000); do kill -0 $vpid || exit 1; curl -s -o /dev/null --max-time 5 http://127.0.0.1:18401/ && break; sleep 1; done
echo "$name up after ${i}s"
python3 "$here/client.py" 18401 ${WARM_REQUESTS:-300} 4
callgrind_control -i on $vpid >/dev/null; python3 "$here/client.py" 18401 300 2
callgrind_control -z $vpid >/dev/null; python3 "$here/client.py" 18401 ${N1:-500} 2; callgrind_control -d $vpid >/dev/null
python3 "$here/client.py" 18401 ${N2:-1000} 2; callgrind_control -d $vpid >/dev/null
cp /tmp/perf-$vpid.map $W/cg-$name.perfmap; cp /proc/$vpid/maps $W/cg-$name.maps
kill $vpid; wait $vpid
for k in 1 2; do f=$W/cg-$name.$vpid.$k; echo "$name dump $k: $(grep -E '^summary' $f)"; done
ln -sf cg-$name.$vpid.2 $W/cg-$name.last
