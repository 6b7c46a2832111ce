#!/usr/bin/env bash
# cg.sh CASE [TAG] [N]: instructions per request of the signature matcher on CASE (json|mesh|sqli), counted by callgrind
# over N requests (default 100) after 50 warm-up requests. Writes $OUT/cg.CASE.TAG.{txt,sym} (OUT defaults to
# /tmp/matcher-cost): .sym lists instructions per request by method (JIT code named from the perf map).
# RULES=dir selects another rule directory; DROP=sid,sid,... leaves those rules out. Needs valgrind and its headers (apt-get install valgrind).
set -euo pipefail
kase=${1:?usage: cg.sh json|mesh|sqli [TAG] [N]}; tag=${2:-x}; n=${3:-100}
here=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-/tmp/matcher-cost}; mkdir -p "$out"
bin=$out/bin
dotnet publish "$here/MatcherCost.csproj" -c Release -o "$bin" --nologo -v quiet >/dev/null
[ "$bin/libcgctl.so" -nt "$here/cgctl.c" ] || cc -O2 -shared -fPIC -o "$bin/libcgctl.so" "$here/cgctl.c"
f=$out/cg.$kase.$tag
rm -f "$f" "$f".*
# The perf map goes to $out, not /tmp: another process on a shared machine deleted /tmp/perf-*.map mid-run (session 8).
DROP="${DROP:-}" DOTNET_PerfMapEnabled=1 DOTNET_PerfMapJitDumpPath="$out" DOTNET_TieredCompilation=0 DOTNET_EnableWriteXorExecute=0 DOTNET_gcServer=0 \
  valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$f" \
  "$bin/MatcherCost" "$kase" run "$n" "${RULES:-$here/../../signatures}" >/dev/null 2>"$f.log"
pid=$(grep -m1 -o "^==[0-9]*==" "$f.log" | tr -d =)
mv "$out/perf-$pid.map" "$f.map" 2>/dev/null || { echo "no perf map of $pid: methods unnamed" >&2; : > "$f.map"; }
callgrind_annotate "$f.1" > "$f.txt" 2>/dev/null
total=$(grep "PROGRAM TOTALS" "$f.txt" | awk '{gsub(",","",$1); print $1}')
python3 "$here/cgsym.py" "$f.txt" "$f.map" "$n" > "$f.sym"
grep -m1 "candidates" "$f.log" | sed 's/^==[0-9]*== //' || true
echo "$kase $tag: $((total / n)) instructions/request (by method: $f.sym)"
