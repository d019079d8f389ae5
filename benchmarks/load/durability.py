#!/usr/bin/env python3
"""What keeping sandboxes costs: the real jar twice, side by side, one keeping sandboxes under a temporary DATA_DIR
(embedded store) and one in memory only (DATA_DIR=), measured in turns so both see the same machine load.

Usage: benchmarks/load/durability.py [sandboxes] [wrk-seconds]   (defaults 10000, 15; SAMPLES=n sets how many
creations and applies each server gets, default 1000: p99 of 1000 is the 10th slowest, and one GC pause moves it;
ROUNDS=r repeats that r times, printing each round's difference and then all rounds' together)
Build the jar first (mvn -B -DskipTests package). Prints:
  * sandbox creation (POST /api/sandboxes, answered after the new sandbox is stored) p50/p99, both servers;
  * `kubectl apply -f` of a lesson file through /exec (answered after the change is stored) p50/p99, both servers,
    and the difference: what persistence adds;
  * product page throughput with wrk on both (needs wrk), and the ratio;
  * with `sandboxes` sandboxes made (each with one apply): the store file's size, the heap after a full GC, and
    the time from a kill -9 and restart to a healthy /health (stored sandboxes come back lazily), against a
    memory-only server, each with and without a class archive of the jar (as the Docker image starts).
"""
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

JAR = "server/target/traffic-lab.jar"
FILES = [
    "$ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-50-v3.yaml",
    "$ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-v3.yaml",
]
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sandboxes = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
wrk_seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 15


def start(data_dir, max_sandboxes, jvm_options=()):
    env = dict(os.environ, PORT="0", DATA_DIR=data_dir, SANDBOX_CREATION_BURST="1000000",
               SANDBOX_CREATIONS_PER_MINUTE="1000000", MAX_SANDBOXES=str(max_sandboxes))
    log = tempfile.NamedTemporaryFile("w+", delete=False)
    started = time.perf_counter()
    proc = subprocess.Popen(["java", "-Xmx2g", *jvm_options, "-jar", JAR], env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    proc.log = log.name
    for _ in range(600):
        with open(log.name) as f:
            m = re.search(r"listening on (http://\S+)", f.read())
        if m:
            break
        time.sleep(0.05)
    else:
        proc.kill()
        sys.exit("the server did not start: " + open(log.name).read())
    base = m.group(1)
    while True:
        try:
            if urllib.request.urlopen(base + "/health").status == 200:
                break
        except OSError:
            time.sleep(0.01)
    return proc, base, (time.perf_counter() - started) * 1000


def call(base, path, body=None, method=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    t = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        out = r.read()
    return (time.perf_counter() - t) * 1000, out


def create(base):
    ms, out = call(base, "/api/sandboxes", {})
    return ms, json.loads(out)


def apply(base, sid, i):
    ms, out = call(base, f"/api/sandboxes/{sid}/exec", {"command": "kubectl apply -f " + FILES[i % 2]})
    assert b"virtualservice.networking.istio.io/reviews" in out, out
    return ms


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(len(s) * p))]


def line(name, values):
    return f"{name:34s} p50 {statistics.median(values):6.2f} ms  p99 {pct(values, 0.99):6.2f} ms  (n={len(values)})"


def heap_mb(pid):
    subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True)
    time.sleep(1)
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True).stdout
    m = re.search(r"used (\d+)K", out)
    return int(m.group(1)) / 1024 if m else float("nan")


print(f"machine: {os.cpu_count()} cores; load average {open('/proc/loadavg').read().split()[:3]} (shared)")
data = tempfile.mkdtemp(prefix="trafficlab-data-")
kept, kept_base, _ = start(data, 2000)
memory, memory_base, _ = start("", 2000)
try:
    servers = {"embedded": kept_base, "memory only": memory_base}
    for base in servers.values():  # warm-up: JIT, first sandbox, first store writes
        for i in range(300):
            _, s = create(base)
            apply(base, s["id"], i)
    created = {k: [] for k in servers}
    applied = {k: [] for k in servers}
    ids = {k: create(b)[1]["id"] for k, b in servers.items()}
    samples = int(os.environ.get("SAMPLES", "1000"))
    for round_ in range(int(os.environ.get("ROUNDS", "1"))):
        this_round = {k: [] for k in servers}
        for i in range(samples):
            for name, base in servers.items():
                created[name].append(create(base)[0])
                this_round[name].append(apply(base, ids[name], i))
        for name in servers:
            applied[name] += this_round[name]
        print(f"  round {round_ + 1}: persistence adds to kubectl apply p50 "
              f"{statistics.median(this_round['embedded']) - statistics.median(this_round['memory only']):+.2f} ms, "
              f"p99 {pct(this_round['embedded'], 0.99) - pct(this_round['memory only'], 0.99):+.2f} ms", flush=True)
    for name in servers:
        print(line(f"create sandbox, {name}", created[name]))
    for name in servers:
        print(line(f"kubectl apply, {name}", applied[name]))
    print(f"persistence adds to kubectl apply: p50 "
          f"{statistics.median(applied['embedded']) - statistics.median(applied['memory only']):+.2f} ms, p99 "
          f"{pct(applied['embedded'], 0.99) - pct(applied['memory only'], 0.99):+.2f} ms, p99.5 "
          f"{pct(applied['embedded'], 0.995) - pct(applied['memory only'], 0.995):+.2f} ms (all rounds)")

    if shutil.which("wrk"):
        pages = {}
        for name, base in servers.items():
            s = create(base)[1]
            apply(base, s["id"], 0)
            pages[name] = base + s["productPage"]
        rates = {k: [] for k in servers}
        for round_ in range(3):
            for name, url in pages.items():
                out = subprocess.run(["wrk", "-t2", "-c50", f"-d{wrk_seconds}s", url],
                                     capture_output=True, text=True).stdout
                rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
                if round_ > 0:  # the first round warms both up
                    rates[name].append(rate)
        for name in servers:
            print(f"product page, {name:12s}: {statistics.mean(rates[name]):8.0f} pages/s {rates[name]}")
        print(f"embedded / memory only: {statistics.mean(rates['embedded']) / statistics.mean(rates['memory only']):.3f}")
finally:
    memory.kill()
    kept.kill()
    kept.wait()

# Many sandboxes, each with one apply: on disk, in the heap, and a restart.
shutil.rmtree(data)
data = tempfile.mkdtemp(prefix="trafficlab-data-")
kept, base, _ = start(data, sandboxes)
lock = threading.Lock()
todo = list(range(sandboxes))
made = []


def worker():
    while True:
        with lock:
            if not todo:
                return
            i = todo.pop()
        s = create(base)[1]
        apply(base, s["id"], i)
        with lock:
            made.append(s["id"])


threads = [threading.Thread(target=worker) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
time.sleep(8)  # the store writes over freed space 5 s after it is freed
size = os.path.getsize(os.path.join(data, "sandboxes.mv.db"))
print(f"{sandboxes} sandboxes (one apply each): store file {size / 1e6:.1f} MB ({size / sandboxes / 1024:.1f} KiB each); "
      f"heap after full GC with all in memory {heap_mb(kept.pid):.0f} MB")
kept.send_signal(signal.SIGKILL)
kept.wait()
# Restarts, each after a kill -9 (the store's file is left unclean every time), alternating with a memory-only
# server, plain and with a class archive of the jar (as the Docker image starts); the server's own line says
# when each step of its start ended.
archive = os.path.join(tempfile.mkdtemp(prefix="trafficlab-jsa-"), "traffic-lab.jsa")
subprocess.run(["java", f"-XX:ArchiveClassesAtExit={archive}", "-jar", JAR, "class-archive-run"],
               capture_output=True, check=True)
restarts = {}
for round_ in range(3):
    for label, dir_, options in [("stored", data, ()), ("memory only", "", ()),
                                 ("stored, class archive", data, (f"-XX:SharedArchiveFile={archive}",)),
                                 ("memory only, class archive", "", (f"-XX:SharedArchiveFile={archive}",))]:
        proc, _, ms = start(dir_, sandboxes, options)
        time.sleep(0.3)
        ready = re.search(r"ready .*", open(proc.log).read())
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        restarts.setdefault(label, []).append(ms)
        print(f"  restart {round_ + 1}, {label}: /health 200 after {ms:.0f} ms | {ready.group(0) if ready else ''}")
for label, values in restarts.items():
    print(f"kill -9 and restart, {label} ({sandboxes if label.startswith('stored') else 0} stored): /health 200 "
          f"after median {statistics.median(values):.0f} ms (runs {', '.join(f'{v:.0f}' for v in values)}; "
          f"JVM start included)")
kept, base, ms = start(data, sandboxes)
print(f"heap after full GC of a restarted server holding {sandboxes} stored sandboxes: {heap_mb(kept.pid):.0f} MB")
# the first use of a stored sandbox after the restart brings it back
firsts = []
for sid in list(made)[:200]:
    firsts.append(call(base, f"/api/sandboxes/{sid}")[0])
print(line("first use after restart (GET sandbox)", firsts))
kept.kill()
shutil.rmtree(data)
