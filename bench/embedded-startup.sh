#!/usr/bin/env bash
# Embedded-mode start-up time: `Catalyst.Api` with no configuration, from process start to /health = 200.
# "cold" = empty data root (initdb + migrations); "warm" = the same data root again (reuse).
# Usage: bench/embedded-startup.sh [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
dotnet build Catalyst.Api -c Release -nologo -v q -clp:ErrorsOnly
dll="$PWD/Catalyst.Api/bin/Release/net10.0/Catalyst.Api.dll"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

measure() { # $1 = data root; prints seconds to healthy
  local root="$1" start end pid
  start=$(date +%s.%N)
  (cd "$(dirname "$dll")" && Catalyst__DataRoot="$root" exec dotnet "$dll" --urls "http://127.0.0.1:$port" >"$root.log" 2>&1) &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "the Api exited; see $root.log" >&2; exit 1; }
    sleep 0.05
  done
  end=$(date +%s.%N)
  kill -TERM "$pid"; wait "$pid" || true
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", e - s }'
}

stats() { sort -n | awk '{ a[NR] = $1 } END { printf "min %.2f s   median %.2f s   max %.2f s   (n=%d)\n", a[1], a[int((NR + 1) / 2)], a[NR], NR }'; }

work=$(mktemp -d /tmp/catalyst-startup-XXXXXX)
trap 'rm -rf "$work"' EXIT
cold=() warm=()
for i in $(seq 1 "$runs"); do
  cold+=("$(measure "$work/root-$i")")
  warm+=("$(measure "$work/root-$i")")
done
echo "Embedded start-up to /health 200 (target: under 15 s)"
echo "  cold (new data root):  $(printf '%s\n' "${cold[@]}" | stats)"
echo "  warm (existing data):  $(printf '%s\n' "${warm[@]}" | stats)"
