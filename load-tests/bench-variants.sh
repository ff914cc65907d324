#!/usr/bin/env bash
# Gateway throughput of two configurations side by side, in one run, same load (wrk, keep-alive):
#   load-tests/bench-variants.sh tls         HTTPS vs plain HTTP through one gateway (self-signed certificate)
#   load-tests/bench-variants.sh telemetry   Gateway:Telemetry:Enabled=true vs false (two gateways, same pods)
# Starts Release builds of 3 stable KubeApps on 127.0.0.2-4:8080 and a canary on 127.0.0.5:8080 (stop the app host
# first), warms up, then alternates ROUNDS rounds of SECONDS seconds per variant. Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?usage: bench-variants.sh tls|telemetry}
rounds=${ROUNDS:-3} seconds=${SECONDS_PER_ROUND:-15} warmup=${WARMUP:-20} connections=${CONNECTIONS:-64}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

dotnet build -c Release -nologo -v quiet src/KubeApp/KubeApp.csproj
dotnet build -c Release -nologo -v quiet src/Gateway/Gateway.csproj
app=src/KubeApp/bin/Release/net10.0/KubeApp.dll
gateway_dir=src/Gateway/bin/Release/net10.0
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

for i in 2 3 4; do dotnet "$app" --urls "http://127.0.0.$i:8080" >/dev/null 2>&1 & pids+=($!); done
KUBEAPP_VERSION=2.0 dotnet "$app" --urls http://127.0.0.5:8080 >/dev/null 2>&1 & pids+=($!)

start_gateway() { # port, management port, extra args...
  local port=$1 mgmt=$2; shift 2
  (cd "$gateway_dir" && exec dotnet Gateway.dll --Gateway:Listen:Http="http://127.0.0.1:$port" \
    --Gateway:Listen:Management="http://127.0.0.1:$mgmt" --Gateway:Canary:Weight=25 \
    --Gateway:Tracks:Stable:Destinations:0=http://127.0.0.2:8080 --Gateway:Tracks:Stable:Destinations:1=http://127.0.0.3:8080 \
    --Gateway:Tracks:Stable:Destinations:2=http://127.0.0.4:8080 --Gateway:Tracks:Canary:Destinations:0=http://127.0.0.5:8080 \
    --Logging:LogLevel:Default=Warning "$@") >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$mgmt/readyz" >/dev/null && return 0; sleep 0.2; done
  echo "gateway on $port did not become ready" >&2; exit 1
}

case $mode in
  tls)
    start_gateway 18580 18590 --Gateway:Listen:Https=https://127.0.0.1:18543 --Gateway:Tls:SelfSigned=true \
      --Gateway:Tls:RedirectHttp=false --Gateway:Tls:SelfSignedCertificatePath=/tmp/bench-variants-ca.crt
    names=("http" "https"); urls=("http://127.0.0.1:18580/" "https://127.0.0.1:18543/") ;;
  telemetry)
    start_gateway 18580 18590 --Gateway:Telemetry:Enabled=true
    start_gateway 18581 18591 --Gateway:Telemetry:Enabled=false
    names=("telemetry-on" "telemetry-off"); urls=("http://127.0.0.1:18580/" "http://127.0.0.1:18581/") ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac

run() { wrk -t2 -c"$connections" -d"$2"s --latency -H 'Host: foo.bar' -H 'Cookie: canary-bucket=5000' "$1"; }
for i in 0 1; do echo "warm-up ${names[$i]} (${warmup}s)"; run "${urls[$i]}" "$warmup" >/dev/null; done
declare -A total
for r in $(seq 1 "$rounds"); do
  for i in 0 1; do
    rps=$(run "${urls[$i]}" "$seconds" | awk '/Requests\/sec/ {print $2}')
    echo "round $r ${names[$i]}: $rps req/s"
    total[${names[$i]}]=$(echo "${total[${names[$i]}]:-0} + $rps" | bc -l)
  done
done
a=$(echo "${total[${names[0]}]} / $rounds" | bc -l); b=$(echo "${total[${names[1]}]} / $rounds" | bc -l)
printf '%s: %.0f req/s   %s: %.0f req/s   ratio %s/%s = %.3f\n' "${names[0]}" "$a" "${names[1]}" "$b" "${names[1]}" "${names[0]}" "$(echo "$b / $a" | bc -l)"
