#!/usr/bin/env bash
# Load-test smoke run for CI (after the tests): builds canary-load in Release, starts the topology in-process
# (3 stable KubeApps + 1 canary on 127.4.x.x:8080, the gateway on 127.0.0.1, weight 25) and runs the split, force
# and host scenarios against it — 200 users each over about 4 s, --expect-canary 25. Exits non-zero on any failed
# check. Extra arguments go to the smoke command, e.g. `load-tests/smoke.sh --users 5000 --arrival-rate 1000`.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build load-tests/LoadTests/LoadTests.csproj -c Release -nologo -v quiet
report="load-reports/smoke-$(date -u +%Y%m%d-%H%M%S)"
echo "+ canary-load smoke --users 200 --expect-canary 25 --report $report $*"
# `timeout` bounds the whole run even if something hangs; the tool caps each scenario at 60 s itself.
timeout --signal=INT --kill-after=30 300 \
  dotnet load-tests/LoadTests/bin/Release/net10.0/LoadTests.dll smoke \
  --users 200 --expect-canary 25 --no-live --report "$report" "$@"
