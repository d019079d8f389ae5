#!/usr/bin/env bash
# Soak: the real jar with a 1 GB heap and a short idle expiry; SoakClient creates SANDBOXES sandboxes at RATE a
# second and uses each one (kubectl get pods through /exec, an apply, a product page view) while the server expires
# the idle ones. Prints the server's heap after a full GC every 2,000 sandboxes, and the product page latencies.
# Bounded: SANDBOXES / RATE seconds plus the final checks; stops the server at the end.
#
# Usage: benchmarks/load/soak.sh [sandboxes] [per-second] [idle-seconds]   (defaults: 10000, 50, 30)
# With idle-seconds 0 nothing expires during the run (all sandboxes stay alive; MAX_SANDBOXES is raised to fit).
# WORKERS (default 8) is the client's concurrency. Build the jar first (mvn -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/../.."
SANDBOXES="${1:-10000}"
RATE="${2:-50}"
IDLE="${3:-30}"
JAR=server/target/traffic-lab.jar
[ -f "$JAR" ] || { echo "$JAR is missing: run mvn -B -DskipTests package first"; exit 1; }

log="$(mktemp)"
idle_env=(SANDBOX_IDLE_SECONDS="$IDLE")
[ "$IDLE" = 0 ] && idle_env=(SANDBOX_IDLE_MINUTES=120)
env PORT=0 "${idle_env[@]}" MAX_SANDBOXES=$((SANDBOXES + 100)) SANDBOX_CREATION_BURST=$((SANDBOXES + 100)) \
  SANDBOX_CREATIONS_PER_MINUTE=100000 java -Xmx1g -jar "$JAR" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 150); do grep -qs 'listening on' "$log" && break; sleep 0.2; done
base="$(grep -o 'http://[^ ]*' "$log" | head -1)"
[ -n "$base" ] || { cat "$log"; exit 1; }
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $SANDBOXES sandboxes at $RATE/s," \
  "idle expiry ${IDLE} s (0: none)"
java -Xmx256m benchmarks/src/main/java/dev/trafficlab/benchmarks/SoakClient.java "$base" "$pid" "$SANDBOXES" \
  "$RATE" "${WORKERS:-8}" "$IDLE"
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
