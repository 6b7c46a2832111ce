#!/usr/bin/env bash
# cg-corpus.sh FILE [TAG]: instructions per request of the signature matcher over a JSON Lines corpus, counted by
# callgrind (each request inspected once, after one uncounted pass over the same file). Deterministic, unlike wall
# time on a shared VM: use it to compare two builds on many request shapes. RULES=dir selects another rule directory.
# Writes $OUT/cgc.TAG.{txt,sym} (OUT defaults to /tmp/matcher-cost). Needs valgrind (apt-get install valgrind).
set -euo pipefail
file=$(realpath "${1:?usage: cg-corpus.sh FILE [TAG]}"); tag=${2:-x}
here=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-/tmp/matcher-cost}; mkdir -p "$out"
bin=$out/bin
dotnet publish "$here/MatcherCost.csproj" -c Release -o "$bin" --nologo -v quiet >/dev/null
[ "$bin/libcgctl.so" -nt "$here/cgctl.c" ] || cc -O2 -shared -fPIC -o "$bin/libcgctl.so" "$here/cgctl.c"
f=$out/cgc.$tag
rm -f "$f" "$f".*
CALLGRIND=1 DOTNET_PerfMapEnabled=1 DOTNET_PerfMapJitDumpPath="$out" DOTNET_TieredCompilation=0 DOTNET_EnableWriteXorExecute=0 \
  DOTNET_gcServer=0 valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$f" \
  "$bin/MatcherCost" corpus "$file" 1 "${RULES:-$here/../../signatures}" >"$f.out" 2>"$f.log"
n=$(grep -o "^[0-9]* requests counted" "$f.out" | cut -d' ' -f1)
pid=$(grep -m1 -o "^==[0-9]*==" "$f.log" | tr -d =)
mv "$out/perf-$pid.map" "$f.map" 2>/dev/null || : > "$f.map"
callgrind_annotate "$f".1 > "$f.txt" 2>/dev/null
total=$(grep "PROGRAM TOTALS" "$f.txt" | awk '{gsub(",","",$1); print $1}')
python3 "$here/cgsym.py" "$f.txt" "$f.map" "$n" > "$f.sym"
echo "$tag: $n requests, $((total / n)) instructions/request (by method: $f.sym)"
