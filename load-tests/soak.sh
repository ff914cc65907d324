#!/usr/bin/env bash
# Soak (not in CI): steady split load at ~1,000 req/s through the gateway as a real process for 20 minutes, sampling
# its memory at minutes 2, 5, 10, 15 and 20 (issue #15): req/s and gateway CPU since the last sample, working set
# (VmRSS, with its anon/file/shmem parts), the GC heap right after an induced full blocking GC, the number of GC heaps,
# and the gc-heap-size / gc-committed counters just before that GC. Prints the table and writes it (soak-memory.md,
# .json) with the load tool's report and the gateway's log to the report folder. Starts Release builds of 3 stable
# KubeApps on 127.0.0.2-4:8080, a canary on 127.0.0.5:8080 and the gateway on 127.0.0.1:18580 (management 18590)
# with its shipped settings (telemetry on, logging as in appsettings.json) apart from addresses and weight 25; stop the
# app host first. Run it on a quiet machine: the load tool and the pods share its cores with the gateway.
#   load-tests/soak.sh                                           # 20 minutes
#   DURATION_SECONDS=120 load-tests/soak.sh                      # 2 minutes; samples at 12, 30, 60, 90, 120 s
#   SAMPLE_MINUTES=1,2,4 DURATION_SECONDS=240 load-tests/soak.sh # samples at minutes 1, 2 and 4
#   GATEWAY_ENV='DOTNET_GCDynamicAdaptationMode=0' load-tests/soak.sh   # the same soak with another GC setting
# Settings: DURATION_SECONDS (1200), TARGET_RPS (1000: users arrive at TARGET_RPS/20 per second, each makes 20
# requests at 10 req/s on its own connection), SAMPLE_MINUTES (2,5,10,15,20: minutes of a run as long as the last
# one; a shorter run scales them down so the last falls at its end), LIMIT_MB (150, decimal megabytes of working
# set), GATEWAY_ENV (space-separated NAME=value pairs for the gateway process only), REPORT_DIR.
# Exit code: the load tool's (1 when a split check failed), else 1 when the working set went over LIMIT_MB or a
# sample could not be taken.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION_SECONDS:-1200} rps=${TARGET_RPS:-1000} minutes=${SAMPLE_MINUTES:-2,5,10,15,20} limit=${LIMIT_MB:-150}
report=${REPORT_DIR:-load-reports/soak-$(date -u +%Y%m%d-%H%M%S)}
requests_per_user=20 user_rate=10
arrival=$(awk -v r="$rps" -v n="$requests_per_user" 'BEGIN { printf "%g", r / n }')
users=$(awk -v a="$arrival" -v d="$duration" 'BEGIN { printf "%d", a * d }')
gateway_env=()
for pair in ${GATEWAY_ENV:-}; do
  [[ $pair == [A-Za-z_]*=* ]] || { echo "GATEWAY_ENV: '$pair' is not NAME=value" >&2; exit 2; }
  gateway_env+=("$pair")
done

dotnet build -c Release -nologo -v quiet src/KubeApp/KubeApp.csproj
dotnet build -c Release -nologo -v quiet src/Gateway/Gateway.csproj
dotnet build -c Release -nologo -v quiet load-tests/LoadTests/LoadTests.csproj
app=src/KubeApp/bin/Release/net10.0/KubeApp.dll
tool=load-tests/LoadTests/bin/Release/net10.0/LoadTests.dll
mkdir -p "$report"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
for i in 2 3 4; do dotnet "$app" --urls "http://127.0.0.$i:8080" >/dev/null 2>&1 & pids+=($!); done
KUBEAPP_VERSION=2.0 dotnet "$app" --urls http://127.0.0.5:8080 >/dev/null 2>&1 & pids+=($!)
(cd src/Gateway/bin/Release/net10.0 && exec env "${gateway_env[@]}" dotnet Gateway.dll --Gateway:Listen:Http=http://127.0.0.1:18580 \
  --Gateway:Listen:Management=http://127.0.0.1:18590 --Gateway:Canary:Weight=25 \
  --Gateway:Tracks:Stable:Destinations:0=http://127.0.0.2:8080 --Gateway:Tracks:Stable:Destinations:1=http://127.0.0.3:8080 \
  --Gateway:Tracks:Stable:Destinations:2=http://127.0.0.4:8080 --Gateway:Tracks:Canary:Destinations:0=http://127.0.0.5:8080) \
  >"$report/gateway.log" 2>&1 &
gateway=$!; pids+=($gateway)
ready=
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:18590/readyz >/dev/null && { ready=1; break; }; sleep 0.2; done
[[ -n $ready ]] || { echo "gateway did not become ready (log: $report/gateway.log)" >&2; exit 2; }

echo "soak: ${duration}s at ~${rps} req/s (${arrival} users/s × ${requests_per_user} requests at ${user_rate} req/s), gateway pid $gateway${GATEWAY_ENV:+ with $GATEWAY_ENV}"
echo "gateway before load: $(dotnet "$tool" gc-sample --pid "$gateway")"
set +e
# The last users arrive at the end of the duration and take 2 s; the cap leaves room for them.
dotnet "$tool" split --url http://127.0.0.1:18580/ --host foo.bar \
  --users "$users" --arrival-rate "$arrival" --requests "$requests_per_user" --user-rate "$user_rate" --max-active 1000 \
  --duration "$((duration + 60))s" --expect-canary 25 --no-live --report "$report/split" >"$report/split.log" 2>&1 &
load=$!; pids+=($load)
dotnet "$tool" soak-watch --pid "$gateway" --duration "${duration}s" --at "$minutes" --limit-mb "$limit" \
  --metrics http://127.0.0.1:18590/metrics --report "$report"
watch_status=$?
load_cpu=$(awk '{ printf "%.0f", ($14 + $15) / 100 }' "/proc/$load/stat" 2>/dev/null || echo "?")
wait "$load"
load_status=$?
set -e
grep -E '^(ran |PASSED|FAILED)' "$report/split.log" || tail -5 "$report/split.log"
echo "load tool CPU: ${load_cpu} s over ${duration} s; gateway peak working set $(awk '/VmHWM/ {printf "%.1f MiB", $2/1024}' "/proc/$gateway/status")"
echo "report: $report (soak-memory.md, split/, gateway.log)"
[[ $load_status -ne 0 ]] && exit "$load_status"
exit "$watch_status"
