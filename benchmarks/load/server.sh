#!/usr/bin/env bash
# Load benchmark of the real server: `java -jar server/target/traffic-lab.jar` on a free port, one sandbox created
# through the API, the lesson's 50/50 rule applied with kubectl through /exec, then wrk on that sandbox's product
# page. Every page takes the path a learner's page takes: the app's router and security headers, the ingress
# gateway, the sidecars, traffic records.
#
# Usage: benchmarks/load/server.sh [duration-seconds] [connections]   (defaults: 20 s, 50 connections)
# JAVA_OPTS (default none: the JVM as the README runs it), WRK_THREADS (default 2) and WARMUP (seconds, default
# 30) can be set. Build the jar first (mvn -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-20}"
CONNECTIONS="${2:-50}"
THREADS="${WRK_THREADS:-2}"
JAR=server/target/traffic-lab.jar
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
[ -f "$JAR" ] || { echo "$JAR is missing: run mvn -B -DskipTests package first"; exit 1; }

log="$(mktemp)"
# shellcheck disable=SC2086
PORT=0 java ${JAVA_OPTS:-} -jar "$JAR" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$log" "$log.wrk"' EXIT
for _ in $(seq 1 150); do grep -q 'listening on' "$log" && break; sleep 0.2; done
base="$(grep -o 'http://[^ ]*' "$log" | head -1)"
[ -n "$base" ] || { cat "$log"; exit 1; }

sandbox="$(curl -fsS -X POST -H 'content-type: application/json' -d '{}' "$base/api/sandboxes")"
id="$(sed 's/.*"id":"\([^"]*\)".*/\1/' <<<"$sandbox")"
page="$(sed 's/.*"productPage":"\([^"]*\)".*/\1/' <<<"$sandbox")"
curl -fsS -X POST -H 'content-type: application/json' "$base/api/sandboxes/$id/exec" \
  -d '{"command":"kubectl apply -f istio-1.8.1/samples/bookinfo/networking/virtual-service-reviews-50-v3.yaml"}' \
  | grep -Eq 'virtualservice.networking.istio.io/reviews (configured|created)' \
  || { echo "applying the 50/50 rule failed"; exit 1; }
URL="$base$page"
curl -fsS "$URL" | grep -q 'data-reviews-version="v[13]"' || { echo "page check failed"; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP:-30}s" "$URL" >/dev/null   # warm-up: JIT (C2 runs ~15 s) and pools
cpu0="$(cpu_ticks "$pid")"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$URL" >"$log.wrk"
cpu1="$(cpu_ticks "$pid")"
rps="$(awk '/Requests\/sec/ {print $2}' "$log.wrk")"
p50="$(awk '$1=="50%" {print $2}' "$log.wrk")"
p99="$(awk '$1=="99%" {print $2}' "$log.wrk")"
non2xx="$(awk '/Non-2xx/ {print $NF}' "$log.wrk")"
pages="$(awk '/requests in/ {print $1}' "$log.wrk")"
cpu_ms="$(awk -v t=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" -v n="$pages" 'BEGIN { printf "%.3f", 1000 * t / hz / n }')"
echo "server: ${rps} pages/s, p50 ${p50}, p99 ${p99}, non-2xx ${non2xx:-0} (wrk -t${THREADS} -c${CONNECTIONS}," \
  "${DURATION} s); server CPU ${cpu_ms} ms/page"
