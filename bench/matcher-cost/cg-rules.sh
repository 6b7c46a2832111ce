#!/usr/bin/env bash
# cg-rules.sh CASE [N]: instructions per request of each rule that is a candidate for CASE (json|mesh|sqli), each
# measured as a set of that rule alone (MatcherCost CASE rules under callgrind, one counting window per rule), with the
# empty and the whole set first. Prints sid, always|lit, instructions/request, message, costliest first. Writes
# $OUT/cg-rules.CASE.* (OUT defaults to /tmp/matcher-cost). RULES=dir selects another rule directory.
set -euo pipefail
kase=${1:?usage: cg-rules.sh json|mesh|sqli [N]}; n=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-/tmp/matcher-cost}; mkdir -p "$out"
bin=$out/bin
dotnet publish "$here/MatcherCost.csproj" -c Release -o "$bin" --nologo -v quiet >/dev/null
[ -f "$bin/libcgctl.so" ] || cc -O2 -shared -fPIC -o "$bin/libcgctl.so" "$here/cgctl.c"
f=$out/cg-rules.$kase
rm -f "$f" "$f".*
CG_RULES=1 DOTNET_TieredCompilation=0 DOTNET_EnableWriteXorExecute=0 DOTNET_gcServer=0 \
  valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$f" \
  "$bin/MatcherCost" "$kase" rules "$n" "${RULES:-$here/../../signatures}" >"$f.rows" 2>"$f.log"
i=0
tail -n +2 "$f.rows" | while IFS=$'\t' read -r sid kind _ cands _ msg; do
  i=$((i + 1))
  total=$(grep -m1 "^totals:" "$f.$i" | awk '{print $2}')
  printf '%s\t%s\t%s\t%s\t%s\n' "$sid" "$kind" "$((total / n))" "$cands" "$msg"
done | sort -t$'\t' -k3,3nr
