#!/usr/bin/env bash
# The gateway's cost before and after a change, in one run on the same pods and load (wrk, keep-alive):
#   load-tests/bench-compare.sh <git-rev> [--Gateway:Key=value ...]
# Builds <git-rev> (e.g. HEAD~3, main, a tag) in a temporary worktree and the working tree as it is, both Release;
# starts 3 stable KubeApps on 127.0.0.2-4:8080 and a canary on 127.0.0.5:8080 (stop the app host first), one gateway
# of each build, warms both up, then alternates ROUNDS rounds of SECONDS_PER_ROUND seconds. Prints per build the
# median req/s and server CPU µs per request (from /proc/<pid>/stat) with the rounds' spread, and the ratios.
# COOKIE sets the request's cookie (default: a returning user, canary-bucket=5000; COOKIE= for new users).
# BASE_ARGS / HEAD_ARGS add settings to one side only: with <git-rev> HEAD and a clean tree this compares two
# configurations of the same build, e.g. HEAD_ARGS="--Gateway:Rollout:Enabled=true" (rollouts on vs off).
# Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: bench-compare.sh <git-rev> [--Gateway:Key=value ...]}
shift
rounds=${ROUNDS:-5} seconds=${SECONDS_PER_ROUND:-10} warmup=${WARMUP:-15} connections=${CONNECTIONS:-64}
cookie=${COOKIE-canary-bucket=5000}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

work=$(mktemp -d /tmp/bench-compare.XXXXXX)
pids=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  git worktree remove --force "$work/base" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

git worktree add -q --detach "$work/base" "$base"
echo "building $base and the working tree (Release)"
dotnet build -c Release -nologo -v quiet "$work/base/src/Gateway/Gateway.csproj" -o "$work/base-out" >/dev/null
dotnet build -c Release -nologo -v quiet src/Gateway/Gateway.csproj -o "$work/head-out" >/dev/null
dotnet build -c Release -nologo -v quiet src/KubeApp/KubeApp.csproj -o "$work/app" >/dev/null

for i in 2 3 4; do dotnet "$work/app/KubeApp.dll" --urls "http://127.0.0.$i:8080" >/dev/null 2>&1 & pids+=($!); done
KUBEAPP_VERSION=2.0 dotnet "$work/app/KubeApp.dll" --urls http://127.0.0.5:8080 >/dev/null 2>&1 & pids+=($!)

declare -A gateway_pid
start_gateway() { # name, folder, port, management port, extra args...
  local name=$1 dir=$2 port=$3 mgmt=$4
  shift 4
  (cd "$dir" && exec dotnet Gateway.dll --Gateway:Listen:Http="http://127.0.0.1:$port" \
    --Gateway:Listen:Management="http://127.0.0.1:$mgmt" --Gateway:Canary:Weight=25 \
    --Gateway:Tracks:Stable:Destinations:0=http://127.0.0.2:8080 --Gateway:Tracks:Stable:Destinations:1=http://127.0.0.3:8080 \
    --Gateway:Tracks:Stable:Destinations:2=http://127.0.0.4:8080 --Gateway:Tracks:Canary:Destinations:0=http://127.0.0.5:8080 \
    --Logging:LogLevel:Default=Warning "$@") >"$work/$name.log" 2>&1 &
  pids+=($!)
  gateway_pid[$name]=$!
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$mgmt/readyz" >/dev/null && return 0; sleep 0.2; done
  echo "gateway $name did not become ready:" >&2
  cat "$work/$name.log" >&2
  exit 1
}
# shellcheck disable=SC2086 # BASE_ARGS/HEAD_ARGS are lists of words
start_gateway base "$work/base-out" 18580 18590 "$@" ${BASE_ARGS:-}
# shellcheck disable=SC2086
start_gateway head "$work/head-out" 18581 18591 "$@" ${HEAD_ARGS:-}
names=(base head)
declare -A url=([base]=http://127.0.0.1:18580/ [head]=http://127.0.0.1:18581/)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run() { # url, seconds
  if [ -n "$cookie" ]; then
    wrk -t2 -c"$connections" -d"$2"s -H 'Host: foo.bar' -H "Cookie: $cookie" "$1"
  else
    wrk -t2 -c"$connections" -d"$2"s -H 'Host: foo.bar' "$1"
  fi
}
ticks_per_second=$(getconf CLK_TCK)

for name in "${names[@]}"; do echo "warm-up $name (${warmup}s)"; run "${url[$name]}" "$warmup" >/dev/null; done
declare -A rps_list cpu_list
for r in $(seq 1 "$rounds"); do
  # Alternate which build goes first, so drift over the run falls on both.
  order=("${names[@]}")
  ((r % 2 == 0)) && order=(head base)
  for name in "${order[@]}"; do
    pid=${gateway_pid[$name]}
    before=$(cpu_ticks "$pid")
    out=$(run "${url[$name]}" "$seconds")
    after=$(cpu_ticks "$pid")
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}')
    cpu=$(echo "($after - $before) * 1000000 / $ticks_per_second / $requests" | bc -l)
    printf 'round %d %-4s %9.0f req/s %6.1f µs CPU/request %s\n' "$r" "$name" "$rps" "$cpu" "$errors"
    rps_list[$name]+="$rps "
    cpu_list[$name]+="$cpu "
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
spread() { tr ' ' '\n' | grep -v '^$' | sort -g | awk 'NR == 1 {min = $1} {max = $1} END {printf "%.1f–%.1f", min, max}'; }
echo
echo "base = $base ($(git rev-parse --short "$base")), head = working tree; cookie: ${cookie:-none}; $rounds rounds × ${seconds}s"
for name in "${names[@]}"; do
  printf '%-4s median %8.0f req/s (%s)   median %6.1f µs CPU/request (%s)\n' "$name" \
    "$(echo "${rps_list[$name]}" | median)" "$(echo "${rps_list[$name]}" | spread)" \
    "$(echo "${cpu_list[$name]}" | median)" "$(echo "${cpu_list[$name]}" | spread)"
done
printf 'head/base: req/s %.3f, CPU per request %.3f\n' \
  "$(echo "$(echo "${rps_list[head]}" | median) / $(echo "${rps_list[base]}" | median)" | bc -l)" \
  "$(echo "$(echo "${cpu_list[head]}" | median) / $(echo "${cpu_list[base]}" | median)" | bc -l)"
