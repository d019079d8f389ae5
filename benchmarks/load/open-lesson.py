#!/usr/bin/env python3
"""Opening a lesson: POST /api/sandboxes {"lesson": id} round trips against a running server.

Usage: start the server with a creation burst large enough for the run, e.g.
  SANDBOX_CREATION_BURST=1000 PORT=8080 java -jar server/target/traffic-lab.jar
then: benchmarks/load/open-lesson.py http://127.0.0.1:8080
Prints median, p90 and max per lesson over 30 sandboxes each (after a warm-up), next to a sandbox with no
Istio resources ({"istioConfig":"none"}): a lesson's start state is a shared precompiled snapshot, so both
should cost the same.
"""
import json
import statistics
import sys
import time
import urllib.request

base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
lessons = [l["id"] for l in json.load(urllib.request.urlopen(base + "/api/lessons"))["lessons"]]


def create(body):
    started = time.perf_counter()
    request = urllib.request.Request(
        base + "/api/sandboxes",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


bodies = [("none (no Istio config)", {"istioConfig": "none"})] + [(l, {"lesson": l}) for l in lessons]
for _ in range(5):
    for _, body in bodies:
        create(body)
for name, body in bodies:
    ms = sorted(create(body) for _ in range(30))
    print(f"{name:24s} median {statistics.median(ms):6.2f} ms  p90 {ms[26]:6.2f} ms  max {ms[-1]:6.2f} ms")
