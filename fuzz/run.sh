#!/usr/bin/env bash
# Fuzzes one target with AFL++ (fuzz/README.md).
#
#   fuzz/run.sh TARGET [SECONDS]     wire | body | encodings | arguments | paths | xfcc | rules | recordings | manifests; default 600 s
#
# Installs what it needs on a Debian or Ubuntu machine (afl++ with apt, SharpFuzz's instrumenting tool with dotnet
# tool), builds the fuzz project into fuzz/out/build, instruments the assemblies that read untrusted bytes there (the
# copy only: the repository's build is untouched), and starts afl-fuzz on fuzz/corpus/TARGET with its dictionary.
# Findings land in fuzz/out/TARGET; replay one with
#   dotnet fuzz/EastWestIds.Fuzz/bin/Release/net10.0/ewids-fuzz.dll TARGET fuzz/out/TARGET/default/crashes/id:...
# and, once fixed, copy it into fuzz/corpus/TARGET/ (named for what it found) so the tests replay it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: fuzz/run.sh wire|body|encodings|arguments|paths|xfcc|rules|recordings|manifests [SECONDS]}"
seconds="${2:-600}"
case "$target" in wire|body|encodings|arguments|paths|xfcc|rules|recordings|manifests) ;; *) echo "fuzz/run.sh: unknown target '$target'" >&2; exit 2 ;; esac

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
if ! command -v afl-fuzz >/dev/null 2>&1; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends afl++ >/dev/null
fi
export PATH="$PATH:$HOME/.dotnet/tools"
if ! command -v sharpfuzz >/dev/null 2>&1; then
  dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0 >/dev/null
fi

build=fuzz/out/build
rm -rf "$build"
dotnet build fuzz/EastWestIds.Fuzz -c Release -nologo -clp:ErrorsOnly -o "$build"
for assembly in EastWestIds.Http EastWestIds.Identity EastWestIds.Signatures EastWestIds.Engine EastWestIds.Inventory EastWestIds.Policy; do
  sharpfuzz "$build/$assembly.dll" >/dev/null
done

# The encodings target starts from the body target's corpus and dictionary (FuzzTargets.CorpusOf).
corpus="$target"
[ "$target" = encodings ] && corpus=body
findings="fuzz/out/$target"
mkdir -p "$findings"
dictionary=()
[ -f "fuzz/dictionaries/$corpus.dict" ] && dictionary=(-x "fuzz/dictionaries/$corpus.dict")
# SharpFuzz speaks AFL's fork-server protocol from inside the .NET process: dotnet itself is not instrumented
# (AFL_SKIP_BIN_CHECK). The 10 s timeout covers the first input, which loads and compiles the shipped rules.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
export EWIDS_REPO="$PWD" DOTNET_TieredPGO=0
resume=(-i "fuzz/corpus/$corpus")
[ -d "$findings/default/queue" ] && resume=(-i -)
exec afl-fuzz "${resume[@]}" -o "$findings" -t 10000 -m none -G 16384 -V "$seconds" "${dictionary[@]}" -- dotnet "$build/ewids-fuzz.dll" "$target"
