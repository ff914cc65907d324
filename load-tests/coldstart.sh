#!/usr/bin/env bash
# Cold start (not in CI): how fast a new gateway serves in its first 10 seconds, as built by Dockerfile.gateway
# (ReadyToRun) and without it, each with and without TieredPGO. Per start: time until /readyz answers, then req/s in
# each of the first 10 seconds (10 × wrk -d1s, 64 keep-alive connections, one returning user). Starts alternate
# between the variants, REPEATS times (3). Starts Release builds of 3 stable KubeApps on 127.0.0.2-4:8080 and a canary
# on 127.0.0.5:8080 (stop the app host first); the gateway listens on 127.0.0.1:18580 (management 18590).
#   load-tests/coldstart.sh
#   REPEATS=5 load-tests/coldstart.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${REPEATS:-3}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
arch=$(uname -m); case $arch in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; esac

dotnet build -c Release -nologo -v quiet src/KubeApp/KubeApp.csproj
work=$(mktemp -d /tmp/coldstart-XXXXXX)
# The two builds the variants start: the Dockerfile's publish (ReadyToRun) and the same without ReadyToRun.
dotnet publish src/Gateway/Gateway.csproj -c Release -a "$arch" --no-self-contained -p:PublishReadyToRun=true -o "$work/r2r" -nologo -v quiet
dotnet publish src/Gateway/Gateway.csproj -c Release -a "$arch" --no-self-contained -p:PublishReadyToRun=false -o "$work/jit" -nologo -v quiet
echo "Gateway.dll: readytorun $(stat -c %s "$work/r2r/Gateway.dll") bytes, jit $(stat -c %s "$work/jit/Gateway.dll") bytes"
app=src/KubeApp/bin/Release/net10.0/KubeApp.dll
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM
for i in 2 3 4; do Logging__LogLevel__Default=Warning dotnet "$app" --urls "http://127.0.0.$i:8080" >/dev/null 2>&1 & pids+=($!); done
KUBEAPP_VERSION=2.0 Logging__LogLevel__Default=Warning dotnet "$app" --urls http://127.0.0.5:8080 >/dev/null 2>&1 & pids+=($!)
for i in 2 3 4 5; do for _ in $(seq 1 100); do curl -sf "http://127.0.0.$i:8080/health" >/dev/null && break; sleep 0.1; done; done

variants=("readytorun|r2r|" "jit|jit|" "readytorun-no-pgo|r2r|DOTNET_TieredPGO=0" "jit-no-pgo|jit|DOTNET_TieredPGO=0")
for r in $(seq 1 "$repeats"); do
  for v in "${variants[@]}"; do
    IFS='|' read -r name dir environment <<<"$v"
    start=$(date +%s.%N)
    (cd "$work/$dir" && exec env $environment dotnet Gateway.dll --Gateway:Listen:Http=http://127.0.0.1:18580 \
      --Gateway:Listen:Management=http://127.0.0.1:18590 --Gateway:Listen:Https= --Gateway:Shutdown:DrainPeriod=00:00:00 \
      --Gateway:Discovery=Static --Gateway:Canary:Weight=25 \
      --Gateway:Tracks:Stable:Destinations:0=http://127.0.0.2:8080 --Gateway:Tracks:Stable:Destinations:1=http://127.0.0.3:8080 \
      --Gateway:Tracks:Stable:Destinations:2=http://127.0.0.4:8080 --Gateway:Tracks:Canary:Destinations:0=http://127.0.0.5:8080) \
      >"$work/gateway.log" 2>&1 &
    gateway=$!
    until curl -sf http://127.0.0.1:18590/readyz >/dev/null; do
      kill -0 "$gateway" 2>/dev/null || { echo "gateway ($name) exited:" >&2; cat "$work/gateway.log" >&2; exit 1; }
      sleep 0.02
    done
    ready=$(echo "$(date +%s.%N) - $start" | bc -l)
    seconds=()
    for _ in $(seq 1 10); do
      seconds+=("$(wrk -t2 -c64 -d1s -H 'Host: foo.bar' -H 'Cookie: canary-bucket=5037' http://127.0.0.1:18580/ | awk '/Requests\/sec/ {printf "%.0f", $2}')")
    done
    kill "$gateway"; wait "$gateway" 2>/dev/null || true
    mean=$(echo "(${seconds[*]})/10" | tr ' ' '+' | bc -l)
    printf 'start %d %-18s ready after %.2f s; req/s in seconds 1-10: %s (mean %.0f)\n' "$r" "$name" "$ready" "${seconds[*]}" "$mean"
    sleep 1
  done
done
