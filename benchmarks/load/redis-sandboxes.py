#!/usr/bin/env python3
"""Sandboxes kept in Redis: creation latency through the API, then what N sandboxes cost in Redis.

Usage (benchmarks/load/redis.sh starts redis-server and the server for it):
  benchmarks/load/redis-sandboxes.py http://127.0.0.1:8080 REDIS_PORT [count] [applied]
Creates `count` sandboxes (default 10000) one after another with POST /api/sandboxes and prints the latency
percentiles (the first 200 are warm-up, not counted), then Redis's INFO memory and the key count; then applies the
lesson's 50/50 rule in `applied` of them (default 1000) and prints the memory again, so the cost of a sandbox that
holds one more object shows too. Redis is asked over a plain socket (RESP), nothing to install.
"""
import json
import socket
import statistics
import sys
import time
import urllib.request

base = sys.argv[1]
redis_port = int(sys.argv[2])
count = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
applied = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
WARMUP = 200


def post(path, body):
    request = urllib.request.Request(
        base + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def redis(*args):
    with socket.create_connection(("127.0.0.1", redis_port)) as s:
        s.sendall(("*%d\r\n" % len(args) + "".join("$%d\r\n%s\r\n" % (len(a), a) for a in args)).encode())
        data = b""
        while True:
            chunk = s.recv(65536)
            data += chunk
            if not chunk or data.startswith(b":") and data.endswith(b"\r\n"):
                break
            if data.startswith(b"$"):
                head, _, rest = data.partition(b"\r\n")
                if len(rest) >= int(head[1:]) + 2:
                    break
        text = data.decode()
        return text.split("\r\n", 1)[1] if text.startswith("$") else text[1:].strip()


def memory(label):
    info = dict(
        line.split(":", 1) for line in redis("INFO", "memory").splitlines() if ":" in line and not line.startswith("#")
    )
    keys = redis("DBSIZE")
    used = int(info["used_memory"])
    dataset = int(info.get("used_memory_dataset", used))
    print(
        f"{label}: used_memory {used / 1e6:.1f} MB (dataset {dataset / 1e6:.1f} MB), {keys} keys,"
        f" rss {int(info['used_memory_rss']) / 1e6:.1f} MB"
    )
    return used


baseline = memory("before")
ids = []
ms = []
for i in range(count):
    started = time.perf_counter()
    created = post("/api/sandboxes", {})
    elapsed = (time.perf_counter() - started) * 1000
    ids.append(created["id"])
    if i >= WARMUP:
        ms.append(elapsed)
ms.sort()
pick = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]
print(
    f"creation ({len(ms)} after {WARMUP} warm-up): median {statistics.median(ms):.2f} ms  p90 {pick(0.90):.2f} ms"
    f"  p99 {pick(0.99):.2f} ms  max {ms[-1]:.2f} ms"
)
used = memory(f"{count} sandboxes")
print(f"per sandbox: {(used - baseline) / count:.0f} bytes of Redis memory")
rule = "kubectl apply -f istio-1.8.1/samples/bookinfo/networking/virtual-service-reviews-50-v3.yaml"
for sandbox in ids[:applied]:
    post(f"/api/sandboxes/{sandbox}/exec", {"command": rule})
after = memory(f"{applied} of them with the 50/50 rule applied")
print(f"per applied rule: {(after - used) / max(1, applied):.0f} bytes more")
