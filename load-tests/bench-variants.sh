#!/usr/bin/env bash
# Gateway throughput of several configurations side by side, in one run, same load (wrk, keep-alive):
#   load-tests/bench-variants.sh tls         HTTPS vs plain HTTP through one gateway (self-signed certificate)
#   load-tests/bench-variants.sh telemetry   Gateway:Telemetry:Enabled=true vs false (two gateways, same pods)
#   load-tests/bench-variants.sh logging     ASP.NET Core's request logger on vs off as shipped, and shipped with telemetry off
#   load-tests/bench-variants.sh gc          GC settings, one gateway process each (issue #15):
#       server-datas     the shipped default: Server GC with DATAS (dynamic adaptation, .NET 10's default)
#       server-no-datas  DOTNET_GCDynamicAdaptationMode=0: Server GC with a heap per core from the start
#       workstation      DOTNET_gcServer=0: one heap, concurrent
#       hardlimit-200mi  DOTNET_GCHeapHardLimit=0xC800000: the default with the GC heap capped at 200 MiB
#     GC_VARIANTS replaces that list: space-separated name:VAR=value,VAR=value entries, e.g.
#       GC_VARIANTS='default: ws:DOTNET_gcServer=0 ws-nonconc:DOTNET_gcServer=0,DOTNET_gcConcurrent=0'
# Starts Release builds of 3 stable KubeApps on 127.0.0.2-4:8080 and a canary on 127.0.0.5:8080 (stop the app host
# first) and the gateway(s) on 127.0.0.1:18580+i (management 18590+i), warms each variant up, then runs ROUNDS
# rounds of SECONDS_PER_ROUND seconds per variant, alternating (each round starts one variant later, so none always
# runs first). Prints every round, then per variant the median req/s with its spread (min–max) and the median
# gateway CPU per request (user + system time from /proc/<pid>/stat over the round); in gc mode also each gateway's
# working set, GC heap after a full GC and GC heap count after the rounds (canary-load gc-sample) and its peak working
# set. Needs wrk (apt-get install wrk). Settings: ROUNDS (5), SECONDS_PER_ROUND (15), WARMUP (20), CONNECTIONS (64).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?usage: bench-variants.sh tls|telemetry|logging|gc}
rounds=${ROUNDS:-5} seconds=${SECONDS_PER_ROUND:-15} warmup=${WARMUP:-20} connections=${CONNECTIONS:-64}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
ticks_per_second=$(getconf CLK_TCK)

dotnet build -c Release -nologo -v quiet src/KubeApp/KubeApp.csproj
dotnet build -c Release -nologo -v quiet src/Gateway/Gateway.csproj
[[ $mode == gc ]] && dotnet build -c Release -nologo -v quiet load-tests/LoadTests/LoadTests.csproj
app=src/KubeApp/bin/Release/net10.0/KubeApp.dll
tool=load-tests/LoadTests/bin/Release/net10.0/LoadTests.dll
gateway_dir=src/Gateway/bin/Release/net10.0
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

for i in 2 3 4; do dotnet "$app" --urls "http://127.0.0.$i:8080" >/dev/null 2>&1 & pids+=($!); done
KUBEAPP_VERSION=2.0 dotnet "$app" --urls http://127.0.0.5:8080 >/dev/null 2>&1 & pids+=($!)

names=() urls=() gateways=()
start_gateway() { # port, management port, environment ("VAR=value,VAR=value" or ""), extra args...; sets $gateway
  local port=$1 mgmt=$2 environment=() pair
  IFS=, read -r -a environment <<<"$3"
  for pair in "${environment[@]}"; do
    [[ $pair == [A-Za-z_]*=* ]] || { echo "'$pair' is not VAR=value" >&2; exit 2; }
  done
  shift 3
  (cd "$gateway_dir" && exec env "${environment[@]}" dotnet Gateway.dll --Gateway:Listen:Http="http://127.0.0.1:$port" \
    --Gateway:Listen:Management="http://127.0.0.1:$mgmt" --Gateway:Canary:Weight=25 \
    --Gateway:Tracks:Stable:Destinations:0=http://127.0.0.2:8080 --Gateway:Tracks:Stable:Destinations:1=http://127.0.0.3:8080 \
    --Gateway:Tracks:Stable:Destinations:2=http://127.0.0.4:8080 --Gateway:Tracks:Canary:Destinations:0=http://127.0.0.5:8080 \
    --Logging:LogLevel:Default=Warning "$@") >/dev/null 2>&1 &
  gateway=$!; pids+=($gateway)
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$mgmt/readyz" >/dev/null && return 0; sleep 0.2; done
  echo "gateway on $port did not become ready" >&2; exit 1
}
variant() { names+=("$1"); urls+=("$2"); gateways+=("$3"); } # name, url, gateway pid

case $mode in
  tls)
    start_gateway 18580 18590 "" --Gateway:Listen:Https=https://127.0.0.1:18543 --Gateway:Tls:SelfSigned=true \
      --Gateway:Tls:RedirectHttp=false --Gateway:Tls:SelfSignedCertificatePath=/tmp/bench-variants-ca.crt
    variant http http://127.0.0.1:18580/ "$gateway"
    variant https https://127.0.0.1:18543/ "$gateway" ;;
  telemetry)
    start_gateway 18580 18590 "" --Gateway:Telemetry:Enabled=true; variant telemetry-on http://127.0.0.1:18580/ "$gateway"
    start_gateway 18581 18591 "" --Gateway:Telemetry:Enabled=false; variant telemetry-off http://127.0.0.1:18581/ "$gateway" ;;
  logging)
    # ASP.NET Core's request logger on (any level: an Activity and a log scope per request) vs as shipped (None).
    start_gateway 18580 18590 "" --Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Warning; variant request-logger-on http://127.0.0.1:18580/ "$gateway"
    start_gateway 18581 18591 ""; variant shipped http://127.0.0.1:18581/ "$gateway"
    start_gateway 18582 18592 "" --Gateway:Telemetry:Enabled=false; variant shipped-telemetry-off http://127.0.0.1:18582/ "$gateway" ;;
  gc)
    read -r -a entries <<<"${GC_VARIANTS:-server-datas: server-no-datas:DOTNET_GCDynamicAdaptationMode=0 workstation:DOTNET_gcServer=0 hardlimit-200mi:DOTNET_GCHeapHardLimit=0xC800000}"
    (( ${#entries[@]} >= 1 && ${#entries[@]} <= 9 )) || { echo "GC_VARIANTS: 1 to 9 entries" >&2; exit 2; }
    for entry in "${entries[@]}"; do
      [[ $entry == [A-Za-z0-9]*:* ]] || { echo "GC_VARIANTS: '$entry' is not name:VAR=value,..." >&2; exit 2; }
    done
    for i in "${!entries[@]}"; do
      name=${entries[$i]%%:*} environment=${entries[$i]#*:}
      start_gateway $((18580 + i)) $((18590 + i)) "$environment"
      variant "$name" "http://127.0.0.1:$((18580 + i))/" "$gateway"
      echo "variant $name: gateway pid $gateway${environment:+ with $environment}"
    done ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
n=${#names[@]}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # utime + stime, after the parenthesised name (no spaces in "dotnet")
run() { wrk -t2 -c"$connections" -d"$2"s --latency -H 'Host: foo.bar' -H 'Cookie: canary-bucket=5000' "$1"; }
for ((i = 0; i < n; i++)); do echo "warm-up ${names[$i]} (${warmup}s)"; run "${urls[$i]}" "$warmup" >/dev/null; done
results=$(mktemp); trap 'cleanup; rm -f "$results"' EXIT INT TERM
for ((r = 1; r <= rounds; r++)); do
  for ((k = 0; k < n; k++)); do
    i=$(( (r - 1 + k) % n ))
    before=$(cpu_ticks "${gateways[$i]}")
    out=$(run "${urls[$i]}" "$seconds")
    after=$(cpu_ticks "${gateways[$i]}")
    rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
    requests=$(awk '/requests in/ { print $1 }' <<<"$out")
    us=$(awk -v t=$((after - before)) -v hz="$ticks_per_second" -v n="$requests" 'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')
    errors=$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' ' | paste -sd';' - || true)
    printf 'round %d %-16s %8.0f req/s  %6s µs CPU/request%s\n' "$r" "${names[$i]}" "$rps" "$us" "${errors:+  ($errors)}"
    echo "$i $rps $us" >>"$results"
  done
done

# Per variant: median, min and max req/s, spread (max - min) / median, median CPU per request, median vs the first.
echo
printf '%-16s %12s %19s %8s %16s %10s\n' variant "median req/s" "min–max" spread "µs CPU/request" "vs ${names[0]}"
first=
for ((i = 0; i < n; i++)); do
  line=$(awk -v v="$i" '$1 == v { rps[++k] = $2; us[k] = $3 }
    function median(a, m,   j, l, t, s) { for (j = 1; j <= m; j++) s[j] = a[j]; for (j = 2; j <= m; j++) for (l = j; l > 1 && s[l-1] > s[l]; l--) { t = s[l]; s[l] = s[l-1]; s[l-1] = t }
      return m % 2 ? s[(m + 1) / 2] : (s[m / 2] + s[m / 2 + 1]) / 2 }
    END { lo = hi = rps[1]; for (j = 2; j <= k; j++) { if (rps[j] < lo) lo = rps[j]; if (rps[j] > hi) hi = rps[j] }
      med = median(rps, k); printf "%.0f %.0f %.0f %.1f %.1f", med, lo, hi, (med > 0 ? (hi - lo) / med * 100 : 0), median(us, k) }' "$results")
  read -r med lo hi spread us <<<"$line"
  first=${first:-$med}
  printf '%-16s %12s %19s %7s%% %16s %10s\n' "${names[$i]}" "$med" "$lo–$hi" "$spread" "$us" "$(awk -v a="$med" -v b="$first" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')"
done

if [[ $mode == gc ]]; then
  echo
  for ((i = 0; i < n; i++)); do
    printf '%-16s %s; peak working set %s\n' "${names[$i]}" "$(dotnet "$tool" gc-sample --pid "${gateways[$i]}" || echo "gc-sample failed")" \
      "$(awk '/VmHWM/ { printf "%.1f MiB", $2 / 1024 }' "/proc/${gateways[$i]}/status")"
  done
fi
