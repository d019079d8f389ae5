#!/usr/bin/env bash
# Product page throughput with each sandbox store: memory only (DATA_DIR=), embedded (DATA_DIR), Redis (REDIS_URL,
# a real redis-server with AOF on, as production should run it). Each server gets SANDBOXES sandboxes with the
# lesson's 50/50 rule applied; wrk then asks for their product pages in turn (a room of learners refreshing, not
# one page over and over), ROUNDS times per store, the stores alternating so a change in the machine's load falls
# on all of them. Prints pages/s per run and the CPU time each page cost (the server's, and Redis's: on a machine
# busy with other work that is steadier than pages/s), then each store's medians and their ratios to memory only.
#
# Usage: benchmarks/load/product-page-stores.sh [seconds] [rounds] [sandboxes] [connections]
#        (defaults: 10 s, 3 rounds, 50 sandboxes, 32 connections)
# Build the jar first (mvn -B -DskipTests package). Needs wrk and Debian's redis-server.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH="${1:-10}"
ROUNDS="${2:-3}"
SANDBOXES="${3:-50}"
CONNECTIONS="${4:-32}"
JAR=server/target/traffic-lab.jar
[ -f "$JAR" ] || { echo "$JAR is missing: run mvn -B -DskipTests package first"; exit 1; }
for tool in wrk redis-server; do command -v "$tool" >/dev/null || { echo "$tool is not installed"; exit 1; }; done

dir="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
redis_port="$(free_port)"
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$dir" --save '' --appendonly yes --appendfsync everysec \
  --daemonize no --logfile "$dir/redis.log" &
pids=("$!")
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null; rm -rf "$dir"' EXIT

start() { # name, then environment settings
  local name="$1"; shift
  # shellcheck disable=SC2086
  env "$@" PORT=0 SANDBOX_CREATION_BURST=100000 java ${JAVA_OPTS:-} -jar "$JAR" >"$dir/$name.log" 2>&1 &
  pids+=("$!")
  echo "$!" >"$dir/$name.pid"
  for _ in $(seq 1 150); do grep -q 'listening on' "$dir/$name.log" && break; sleep 0.2; done
  local base; base="$(grep -o 'http://[^ ]*' "$dir/$name.log" | head -1)"
  [ -n "$base" ] || { cat "$dir/$name.log"; exit 1; }
  # the sandboxes, each with the 50/50 rule, and a wrk script that walks their product pages
  python3 - "$base" "$SANDBOXES" >"$dir/$name.lua" <<'PY'
import json, sys, urllib.request
base, n = sys.argv[1], int(sys.argv[2])
def post(path, body):
    r = urllib.request.Request(base + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(r) as response:
        return json.loads(response.read())
pages = []
for _ in range(n):
    s = post("/api/sandboxes", {})
    post(f"/api/sandboxes/{s['id']}/exec",
         {"command": "kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-50-v3.yaml"})
    pages.append(s["productPage"])
print("local pages = {" + ",".join(json.dumps(p) for p in pages) + "}")
print("local i = 0")
print("request = function() i = i % #pages + 1; return wrk.format(nil, pages[i]) end")
PY
  echo "$base" >"$dir/$name.base"
}

start memory DATA_DIR=
start embedded DATA_DIR="$dir/data"
start redis REDIS_URL="redis://127.0.0.1:$redis_port"
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $SANDBOXES sandboxes each," \
  "$CONNECTIONS connections, ${SECONDS_EACH}s runs"
for name in memory embedded redis; do # warm-up (10 s each): the JIT compiles the page's path
  wrk -t2 -c"$CONNECTIONS" -d10s -s "$dir/$name.lua" "$(cat "$dir/$name.base")" >/dev/null
done
# CPU time (user + system, in clock ticks) a process has used so far
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
redis_pid="${pids[0]}"
for round in $(seq 1 "$ROUNDS"); do
  for name in memory embedded redis; do
    server_pid="$(cat "$dir/$name.pid")"
    s0="$(ticks "$server_pid")"; r0="$(ticks "$redis_pid")"
    out="$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -s "$dir/$name.lua" "$(cat "$dir/$name.base")")"
    s1="$(ticks "$server_pid")"; r1="$(ticks "$redis_pid")"
    rate="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    pages="$(awk '/requests in/ {print $1}' <<<"$out")"
    bad="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
    # CPU per page: less disturbed than pages/s by whatever else the machine runs
    cpu="$(python3 -c "t=$(getconf CLK_TCK); print(f'{($s1-$s0)/t/$pages*1e6:.0f} {($r1-$r0)/t/$pages*1e6:.0f}')")"
    echo "round $round $name: $rate pages/s${bad:+ ($bad non-2xx)}; CPU per page: server ${cpu% *} us, redis ${cpu#* } us"
    echo "$name $rate $cpu" >>"$dir/rates"
  done
done
python3 - "$dir/rates" <<'PY'
import statistics, sys
rates, cpus = {}, {}
for line in open(sys.argv[1]):
    name, rate, server, redis = line.split()
    rates.setdefault(name, []).append(float(rate))
    cpus.setdefault(name, []).append(float(server) + (float(redis) if name == "redis" else 0))
base = statistics.median(rates["memory"])
base_cpu = statistics.median(cpus["memory"])
for name, values in rates.items():
    m = statistics.median(values)
    c = statistics.median(cpus[name])
    print(f"{name:9s} median {m:8.0f} pages/s  ratio to memory only {m / base:.2f}  (runs: {', '.join(f'{v:.0f}' for v in values)});"
          f" CPU per page {c:.0f} us (server{' + redis' if name == 'redis' else ''}), {c / base_cpu:.2f} of memory only")
PY
