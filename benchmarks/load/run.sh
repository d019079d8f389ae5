#!/usr/bin/env bash
# Load benchmark of the data plane: wrk on loopback against the product page of one sandbox with the lesson's
# 50/50 rule active, through the mesh (ingress + sidecars) and in the direct baseline (same handlers calling
# each other over loopback without sidecar routing). Prints pages/s and p99 for both, and the ratio.
#
# Usage: benchmarks/load/run.sh [duration-seconds] [connections]   (defaults: 20 s, 50 connections)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-20}"
CONNECTIONS="${2:-50}"
PORT="${PORT:-18103}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }

# The test classpath as surefire resolves it (offline, no extra plugin): run one quick test, read its report.
mvn -B -q -o -pl bookinfo-mock -am test -Dtest=WorkloadsTest#healthOnEveryService \
  -Dsurefire.failIfNoSpecifiedTests=false >/dev/null
CP="$(grep -o 'name="surefire.test.class.path" value="[^"]*"' \
  bookinfo-mock/target/surefire-reports/TEST-dev.trafficlab.bookinfo.WorkloadsTest.xml | sed 's/.*value="//; s/"$//')"
URL="http://127.0.0.1:$PORT/bookinfo/bench/productpage"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run_mode() {
  local mode="$1" log
  log="$(mktemp)"
  java ${JAVA_OPTS:--Xms512m -Xmx1g} -cp "$CP" dev.trafficlab.bookinfo.LoadHarness "$mode" "$PORT" >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do grep -q READY "$log" && break; sleep 0.2; done
  grep -q READY "$log" || { cat "$log"; kill "$pid"; exit 1; }
  curl -fsS "$URL" | grep -q 'data-reviews-version="v[13]"' || { echo "page check failed in $mode mode"; kill "$pid"; exit 1; }
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-30}s" "$URL" >/dev/null   # warm-up: JIT (C2 compiles for ~15 s) and pools
  local cpu0 cpu1 loop0 loop1
  cpu0="$(cpu_ticks "$pid")"
  loop0="$(curl -fsS "http://127.0.0.1:$PORT/harness/cpu")"
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$URL" >"$log.wrk"
  loop1="$(curl -fsS "http://127.0.0.1:$PORT/harness/cpu")"
  cpu1="$(cpu_ticks "$pid")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  local rps p99 non2xx pages cpu_ms
  rps="$(awk '/Requests\/sec/ {print $2}' "$log.wrk")"
  p99="$(awk '$1=="99%" {print $2}' "$log.wrk")"
  non2xx="$(awk '/Non-2xx/ {print $NF}' "$log.wrk")"
  pages="$(awk '/requests in/ {print $1}' "$log.wrk")"
  # CPU the server spent per page (user+sys of its process): independent of how busy the machine is.
  cpu_ms="$(awk -v t=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" -v n="$pages" 'BEGIN { printf "%.3f", 1000 * t / hz / n }')"
  # Event-loop CPU per page: the request work alone (no JIT or GC threads).
  loop_ms="$(awk -v t=$((loop1 - loop0)) -v n="$pages" 'BEGIN { printf "%.3f", t / 1e6 / n }')"
  echo "$mode: ${rps} pages/s, p99 ${p99}, non-2xx ${non2xx:-0} (${CONNECTIONS} connections, ${DURATION} s);" \
    "server CPU ${cpu_ms} ms/page (event loops ${loop_ms} ms/page, i.e. at most" \
    "$(awk -v c="$loop_ms" -v n="$(nproc)" 'BEGIN { printf "%d", n * 1000 / c }') pages/s on $(nproc) idle cores)"
  eval "${mode}_rps=$rps"
  eval "${mode}_cpu=$loop_ms"
  rm -f "$log" "$log.wrk"
}

echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
MODES="${MODES:-mesh direct}"
for m in $MODES; do run_mode "$m"; done
[ "$MODES" = "mesh direct" ] || exit 0
awk -v m="$mesh_rps" -v d="$direct_rps" -v mc="$mesh_cpu" -v dc="$direct_cpu" \
  'BEGIN { printf "mesh/direct throughput: %.2f measured, %.2f by event-loop CPU per page\n", m / d, dc / mc }'
