#!/usr/bin/env bash
# Runs every test of EastWestIds. On a fresh Debian/Ubuntu machine it first installs what the tests need
# (nginx for the end-to-end mirroring test, Prometheus for the dashboard and rules tests, PostgreSQL for the
# store tests, python3 for the generators of the quality tests' corpora, Debian's fortune files for their prose
# corpus), then builds in Release, runs all test projects and checks that every benchmark still runs (one in-process
# pass each, no timing).
#
#   ./test.sh                 everything
#   ./test.sh --filter X      only tests whose name contains X (passed to dotnet test)
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is needed (dotnet on PATH): https://dotnet.microsoft.com/download" >&2
  exit 1
fi

packages=()
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || packages+=(nginx-light)
[ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ] || packages+=(prometheus)
# The store tests start their own throwaway PostgreSQL cluster with initdb/pg_ctl from this package.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql)
# The web UI tests drive Debian's headless chromium (PuppeteerSharp never downloads a browser).
[ -x /usr/bin/chromium ] || packages+=(chromium)
# The quality tests build the PayloadsAllTheThings corpus with its Python generator (bench/quality/payloads).
command -v python3 >/dev/null 2>&1 || packages+=(python3)
# The prose corpus of the quality tests is Debian's fortune files in eight languages, sent as comments
# (bench/quality/prose).
for fortunes in fortunes:cookie fortunes-min:fortunes fortunes-de:de/zitate fortunes-es:es/vida.fortunes fortunes-it:italia \
  fortunes-br:brasil fortunes-pl:pl/bajki fortunes-ru:ru/life fortunes-cs:cs/citace; do
  [ -f "/usr/share/games/fortunes/${fortunes#*:}" ] || packages+=("${fortunes%%:*}")
done
if [ ${#packages[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "test.sh: installing ${packages[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  # The packages may start system services (nginx on port 80, Prometheus on 9090, PostgreSQL on 5432); the
  # tests run their own.
  for service in nginx prometheus prometheus-node-exporter postgresql; do
    $sudo systemctl disable --now "$service" >/dev/null 2>&1 || $sudo service "$service" stop >/dev/null 2>&1 || true
  done
fi

filter=()
if [ "${1:-}" = "--filter" ] && [ -n "${2:-}" ]; then
  filter=(--filter "FullyQualifiedName~$2")
fi

dotnet build EastWestIds.sln -c Release -nologo -clp:ErrorsOnly
dotnet test EastWestIds.sln -c Release --no-build -nologo "${filter[@]}" -- RunConfiguration.TestSessionTimeout=900000

if [ ${#filter[@]} -eq 0 ]; then
  dotnet run -c Release --no-build --project bench/EastWestIds.Benchmarks -- --validate
fi
