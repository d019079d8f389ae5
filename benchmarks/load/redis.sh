#!/usr/bin/env bash
# Sandboxes in Redis (REDIS_URL): a real redis-server (AOF on, as production should run it) on a free port, the
# real server jar on it, then benchmarks/load/redis-sandboxes.py: creation latency p50/p90/p99 and Redis memory for
# COUNT sandboxes (INFO memory).
#
# Usage: benchmarks/load/redis.sh [count] [applied]   (defaults: 10000 sandboxes, 1000 with one more rule)
# Build the jar first (mvn -B -DskipTests package). Needs Debian's redis-server.
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT="${1:-10000}"
APPLIED="${2:-1000}"
JAR=server/target/traffic-lab.jar
[ -f "$JAR" ] || { echo "$JAR is missing: run mvn -B -DskipTests package first"; exit 1; }
command -v redis-server >/dev/null || { echo "redis-server is not installed (apt-get install redis-server)"; exit 1; }

dir="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --save '' --appendonly yes --appendfsync everysec \
  --daemonize no --logfile "$dir/redis.log" &
redis=$!
# shellcheck disable=SC2086
REDIS_URL="redis://127.0.0.1:$port" PORT=0 SANDBOX_CREATION_BURST=$((COUNT + 1000)) \
  java ${JAVA_OPTS:-} -jar "$JAR" >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill "$pid" "$redis" 2>/dev/null || true; wait 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 150); do grep -q 'listening on' "$dir/server.log" && break; sleep 0.2; done
base="$(grep -o 'http://[^ ]*' "$dir/server.log" | head -1)"
[ -n "$base" ] || { cat "$dir/server.log"; exit 1; }
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(redis-server --version | cut -d' ' -f1-3)"
python3 benchmarks/load/redis-sandboxes.py "$base" "$port" "$COUNT" "$APPLIED"
echo "AOF on disk: $(du -h "$dir"/appendonlydir 2>/dev/null | tail -1 | cut -f1)"
