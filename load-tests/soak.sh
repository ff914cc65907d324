#!/usr/bin/env bash
# Soak (not in CI): 10 minutes of steady split load through the gateway as a real process, counting failures and
# the gateway's working set at start and end. Starts Release builds of 3 stable KubeApps on 127.0.0.2-4:8080, a
# canary on 127.0.0.5:8080 and the gateway on 127.0.0.1:18580 (stop the app host first).
#   load-tests/soak.sh            # 10 minutes
#   DURATION_SECONDS=60 load-tests/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION_SECONDS:-600} rate=${ARRIVAL_RATE:-50}

dotnet build -c Release -nologo -v quiet src/KubeApp/KubeApp.csproj
dotnet build -c Release -nologo -v quiet src/Gateway/Gateway.csproj
dotnet build -c Release -nologo -v quiet load-tests/LoadTests/LoadTests.csproj
app=src/KubeApp/bin/Release/net10.0/KubeApp.dll
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
for i in 2 3 4; do dotnet "$app" --urls "http://127.0.0.$i:8080" >/dev/null 2>&1 & pids+=($!); done
KUBEAPP_VERSION=2.0 dotnet "$app" --urls http://127.0.0.5:8080 >/dev/null 2>&1 & pids+=($!)
(cd src/Gateway/bin/Release/net10.0 && exec dotnet Gateway.dll --Gateway:Listen:Http=http://127.0.0.1:18580 \
  --Gateway:Listen:Management=http://127.0.0.1:18590 --Gateway:Canary:Weight=25 \
  --Gateway:Tracks:Stable:Destinations:0=http://127.0.0.2:8080 --Gateway:Tracks:Stable:Destinations:1=http://127.0.0.3:8080 \
  --Gateway:Tracks:Stable:Destinations:2=http://127.0.0.4:8080 --Gateway:Tracks:Canary:Destinations:0=http://127.0.0.5:8080 \
  --Logging:LogLevel:Default=Warning) >/tmp/soak-gateway.log 2>&1 &
gateway=$!; pids+=($gateway)
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:18590/readyz >/dev/null && break; sleep 0.2; done
rss() { awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' "/proc/$gateway/status"; }
echo "gateway working set at start: $(rss)"
users=$((rate * duration))
set +e
dotnet load-tests/LoadTests/bin/Release/net10.0/LoadTests.dll split --url http://127.0.0.1:18580/ --host foo.bar \
  --users "$users" --arrival-rate "$rate" --requests 20 --user-rate 10 --max-active 1000 \
  --duration "$((duration + 60))s" --expect-canary 25 --no-live --report "load-reports/soak-$(date -u +%Y%m%d-%H%M%S)"
status=$?
set -e
echo "gateway working set at end: $(rss); peak $(awk '/VmHWM/ {printf "%.1f MiB", $2/1024}' "/proc/$gateway/status")"
exit $status
