#!/usr/bin/env bash
# TLS scan (not in CI): starts the gateway as a process on loopback and runs testssl.sh against its HTTPS port —
# protocols, cipher categories, forward secrecy and the usual vulnerabilities (LUCKY13, BEAST, SWEET32, ...).
#   load-tests/testssl.sh              # self-signed ECDSA P-256 certificate (Gateway:Tls:SelfSigned)
#   KEY_TYPE=rsa load-tests/testssl.sh # an RSA 2048 certificate made with openssl, loaded from files
# Needs testssl (Debian: apt-get install testssl.sh). Scans 127.0.0.1 only; the pods are never contacted (the
# gateway answers testssl's HTTP probes with 502, logged to a temporary file).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v testssl >/dev/null || { echo "testssl is not installed (apt-get install testssl.sh)" >&2; exit 2; }
configuration=${CONFIGURATION:-Release} key_type=${KEY_TYPE:-ecdsa}
https_port=${HTTPS_PORT:-18643} http_port=${HTTP_PORT:-18680} management_port=${MANAGEMENT_PORT:-18690}

dotnet build -c "$configuration" -nologo -v quiet src/Gateway/Gateway.csproj
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT INT TERM

case $key_type in
  ecdsa) tls=(--Gateway:Tls:SelfSigned=true --Gateway:Tls:SelfSignedCertificatePath="$work/ca.crt") ;;
  rsa)
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=foo.bar -addext subjectAltName=DNS:foo.bar \
      -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null
    tls=(--Gateway:Tls:CertificatePath="$work/tls.crt" --Gateway:Tls:KeyPath="$work/tls.key") ;;
  *) echo "KEY_TYPE must be ecdsa or rsa" >&2; exit 2 ;;
esac

(cd "src/Gateway/bin/$configuration/net10.0" && exec dotnet Gateway.dll \
  --Gateway:Listen:Http="http://127.0.0.1:$http_port" --Gateway:Listen:Https="https://127.0.0.1:$https_port" \
  --Gateway:Listen:Management="http://127.0.0.1:$management_port" \
  --Gateway:Tracks:Stable:Destinations:0=http://127.0.0.1:9 --Gateway:Tracks:Canary:Destinations:0=http://127.0.0.1:9 \
  --Logging:LogLevel:Default=Warning "${tls[@]}") >"$work/gateway.log" 2>&1 &
pid=$!
for _ in $(seq 1 150); do
  curl -sf "http://127.0.0.1:$management_port/healthz" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "the gateway exited:" >&2; cat "$work/gateway.log" >&2; exit 1; }
  sleep 0.2
done

echo "+ testssl --quiet --color 0 -p -s -f -U https://127.0.0.1:$https_port ($key_type certificate)"
testssl --quiet --color 0 -p -s -f -U "https://127.0.0.1:$https_port"
