#!/usr/bin/env bash
# Detection quality: runs `ewids scan --verdicts` with the shipped rules over the OWASP CRS regression corpus
# (../shared/corpus/crs-requests.jsonl) and the benign corpus (tests/corpus/benign-requests.jsonl), then prints the
# per-category table of README.md "Detection quality", then the tables of the PayloadsAllTheThings corpus (needs
# python3) and of the prose corpus (needs Debian's fortunes packages in eight languages, which test.sh installs).
# Usage: bench/quality/run.sh [--fail-below-targets]
# Needs the .NET 10 SDK; CRS_CORPUS overrides the corpus path.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
crs="${CRS_CORPUS:-../shared/corpus/crs-requests.jsonl}"
benign="tests/corpus/benign-requests.jsonl"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

dotnet build src/EastWestIds.Host -c Release -o "$out/ewids" >/dev/null
dotnet build bench/quality/EastWestIds.Quality -c Release -o "$out/quality" >/dev/null

# exit code 1 means "something was found", which is the point here. A pcre that needs the backtracking engine gets 1 s,
# not the live 10 ms: a timeout counts as no match, and a busy machine must not move the figures (InProcessScan does
# the same for tests/EastWestIds.Quality.Tests).
"$out/ewids/ewids" scan --verdicts --rules signatures --pcre-timeout 1s --progress-interval 0 "$crs" >"$out/crs.jsonl" || [ $? -eq 1 ]
"$out/ewids/ewids" scan --verdicts --rules signatures --pcre-timeout 1s --progress-interval 0 "$benign" >"$out/benign.jsonl" || [ $? -eq 1 ]

status=0
"$out/quality/EastWestIds.Quality" --crs "$crs" --crs-verdicts "$out/crs.jsonl" \
  --benign "$benign" --benign-verdicts "$out/benign.jsonl" "$@" || status=$?

# The independent corpus: PayloadsAllTheThings' payload lists (bench/quality/payloads/README.md), built from the lists
# kept in the repository. Rules are tuned on its dev half only; the held-out half says how that generalizes.
echo
echo "PayloadsAllTheThings corpus (bench/quality/payloads):"
python3 bench/quality/payloads/make-payload-corpus.py "$out/payloads.jsonl" >/dev/null
"$out/ewids/ewids" scan --verdicts --rules signatures --pcre-timeout 1s --progress-interval 0 "$out/payloads.jsonl" >"$out/payloads-verdicts.jsonl" || [ $? -eq 1 ]
python3 bench/quality/payloads/table.py "$out/payloads.jsonl" "$out/payloads-verdicts.jsonl"

# Text people wrote, as comments, tickets and searches: Debian's fortune files (bench/quality/prose/README.md).
echo
echo "Prose corpus (bench/quality/prose):"
python3 bench/quality/prose/make-prose-corpus.py /usr/share/games/fortunes "$out/prose.jsonl" >/dev/null
"$out/ewids/ewids" scan --verdicts --rules signatures --pcre-timeout 1s --progress-interval 0 "$out/prose.jsonl" >"$out/prose-verdicts.jsonl" || [ $? -eq 1 ]
python3 bench/quality/prose/table.py "$out/prose.jsonl" "$out/prose-verdicts.jsonl"
exit "$status"
