#!/usr/bin/env bash
# Noisy neighbours: the real jar with a 1 GB heap, NOISY sandboxes each running three loops of
# POST /api/sandboxes/{id}/requests (count 1000, concurrency 64, through the ingress to /productpage), and wrk on a
# quiet learner's product page at the same time. Prints the quiet page's p50/p99 with no noise and under noise,
# and what the noisy batches got (200 / 429). Bounded in time; stops everything it started.
#
# Usage: benchmarks/load/noisy.sh [noisy-sandboxes] [seconds]   (defaults: 16 sandboxes, 30 s under noise)
# JAVA_OPTS adds server JVM options. QUIET_CONNECTIONS (default 2) is the quiet learner's wrk connections; WARMUP (seconds, default 20) warms the JIT
# before the quiet baseline; JAR (default server/target/traffic-lab.jar) runs another build, e.g. the code before a
# change. Build the jar first (mvn -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/../.."
NOISY="${1:-16}"
DURATION="${2:-30}"
QUIET_CONNECTIONS="${QUIET_CONNECTIONS:-2}"
JAR="${JAR:-server/target/traffic-lab.jar}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
[ -f "$JAR" ] || { echo "$JAR is missing: run mvn -B -DskipTests package first"; exit 1; }

work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# SERVER_NICE (e.g. -10, as root) gives the server and the quiet learner's wrk priority over other work on a shared
# machine, so that the numbers approach those of a machine of their own; the noisy batches run in the same JVM.
PORT=0 SANDBOX_CREATION_BURST=1000 nice -n "${SERVER_NICE:-0}" java -Xmx1g ${JAVA_OPTS:-} -jar "$JAR" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 150); do grep -qs 'listening on' "$work/server.log" && break; sleep 0.2; done
base="$(grep -o 'http://[^ ]*' "$work/server.log" | head -1)"
[ -n "$base" ] || { cat "$work/server.log"; exit 1; }

create() { curl -fsS -X POST -H 'content-type: application/json' -d '{}' "$base/api/sandboxes"; }
quiet="$(create)"
URL="$base$(sed 's/.*"productPage":"\([^"]*\)".*/\1/' <<<"$quiet")"
curl -fsS "$URL" | grep -q 'data-reviews-version' || { echo "quiet page check failed"; exit 1; }
noisy_ids=()
for _ in $(seq 1 "$NOISY"); do noisy_ids+=("$(create | sed 's/.*"id":"\([^"]*\)".*/\1/')"); done

quantile() { awk -v q="$1" '$1==q {print $2}' "$2"; }
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); server nice ${SERVER_NICE:-0}"
wrk -t1 -c"$QUIET_CONNECTIONS" -d"${WARMUP:-20}s" "$URL" >/dev/null
nice -n "${SERVER_NICE:-0}" wrk -t1 -c"$QUIET_CONNECTIONS" -d10s --latency "$URL" >"$work/quiet.wrk"
echo "quiet page, no noise: p50 $(quantile 50% "$work/quiet.wrk"), p99 $(quantile 99% "$work/quiet.wrk")," \
  "$(awk '/Requests\/sec/ {print $2}' "$work/quiet.wrk") pages/s"

BODY='{"from":"istio-ingressgateway","host":"bookinfo.example","path":"/productpage","count":1000,"concurrency":64}'
end=$((SECONDS + DURATION))
noisy_loop() {
  while [ "$SECONDS" -lt "$end" ]; do
    curl -sS -o /dev/null -w '%{http_code}\n' --max-time 130 -X POST -H 'content-type: application/json' \
      -d "$BODY" "$base/api/sandboxes/$1/requests" >>"$work/codes.$1.$2" 2>/dev/null || echo 000 >>"$work/codes.$1.$2"
    # A refused batch (429) is retried after the Retry-After the server sends (5 s).
    [ "$(tail -1 "$work/codes.$1.$2")" = 200 ] || sleep 5
  done
}
for id in "${noisy_ids[@]}"; do
  for loop in 1 2 3; do noisy_loop "$id" "$loop" & pids+=($!); done
done
sleep 3   # let the batches fill the data plane
nice -n "${SERVER_NICE:-0}" wrk -t1 -c"$QUIET_CONNECTIONS" -d"$((DURATION - 3))s" --latency "$URL" >"$work/noisy.wrk"
echo "quiet page, $NOISY noisy sandboxes x 3 loops: p50 $(quantile 50% "$work/noisy.wrk")," \
  "p99 $(quantile 99% "$work/noisy.wrk"), $(awk '/Requests\/sec/ {print $2}' "$work/noisy.wrk") pages/s," \
  "non-2xx $(awk '/Non-2xx/ {print $NF}' "$work/noisy.wrk" | grep . || echo 0)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
wait "${pids[@]}" 2>/dev/null || true
pids=()
echo "noisy batches finished in the window: $(cat "$work"/codes.* | sort | uniq -c | awk '{printf "%s x %s  ", $2, $1}')"
heap="$(jcmd "$server" GC.heap_info 2>/dev/null | awk '/garbage-first heap|total/ {print; exit}')"
echo "server heap: ${heap:-unknown}"
