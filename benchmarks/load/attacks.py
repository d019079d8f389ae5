#!/usr/bin/env python3
"""Hostile-tenant attacks on the real server, with Vert.x's blocked-thread checker at 100 ms.

Starts `java -jar server/target/traffic-lab.jar` with -Dtrafficlab.maxEventLoopExecuteMs=100 (and the checker
looking every 20 ms), creates an attacker's and a quiet learner's sandbox, then runs each attack of issue 10
(items 2 and 3) through the exec, apply and validate APIs. While an attack runs, the quiet learner sends
`echo quiet` over and over; the script prints, per attack, the attacker's answer (first line), how long the attack
took, and the quiet learner's slowest answer. At the end it prints how many "has been blocked" warnings Vert.x
logged, and how many had the lab's shell or config engine on the stack: the target is zero (no request holds an
event loop for 100 ms). A first row without any attack shows what the machine's load alone causes (a descheduled
thread or a GC pause is reported as a blocked loop too; the longest GC pause is printed per row).

Usage: benchmarks/load/attacks.py   (build the jar first: mvn -B -DskipTests package; JAVA_OPTS adds JVM options,
default -Xmx1g; KEEP_LOG=1 keeps the server's log, with a stack trace for each blocked event loop)
"""
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
JAR = os.path.join(ROOT, "server", "target", "traffic-lab.jar")


def request(base, method, path, body=None, content_type="application/json"):
  data = None
  headers = {}
  if body is not None:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers["Content-Type"] = content_type
  req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
  try:
    with urllib.request.urlopen(req, timeout=600) as r:
      return r.status, r.read().decode()
  except urllib.error.HTTPError as e:
    return e.code, e.read().decode()


def first_line(status, text):
  try:
    doc = json.loads(text)
    text = doc.get("output") or doc.get("error") or json.dumps(doc.get("diagnostics", ""))[:200]
    if "exitCode" in doc:
      text = "exit %d: %s" % (doc["exitCode"], text)
  except ValueError:
    pass
  lines = [l for l in text.splitlines() if l.strip()]
  line = lines[-1] if lines else ""
  return "%d %s" % (status, line[:150])


def main():
  if not os.path.exists(JAR):
    sys.exit(JAR + " is missing: run mvn -B -DskipTests package first")
  log = tempfile.NamedTemporaryFile(prefix="attacks-", suffix=".log", delete=False)
  opts = shlex.split(os.environ.get("JAVA_OPTS", "-Xmx1g"))
  server = subprocess.Popen(["java"] + opts + ["-Dtrafficlab.maxEventLoopExecuteMs=100",
                            "-Dtrafficlab.blockedThreadCheckMs=20",
                            "-Dtrafficlab.warningExceptionMs=100", "-Xlog:gc", "-jar", JAR],
                            env=dict(os.environ, PORT="0"), stdout=log, stderr=subprocess.STDOUT)
  try:
    base = None
    for _ in range(300):
      time.sleep(0.2)
      m = re.search(r"listening on (http://\S+)", open(log.name).read())
      if m:
        base = m.group(1)
        break
    if base is None:
      sys.exit(open(log.name).read())
    print("machine: %d cores; load average %s" % (os.cpu_count(), open("/proc/loadavg").read().split()[:3]))
    attacker = json.loads(request(base, "POST", "/api/sandboxes", {})[1])["id"]
    quiet = json.loads(request(base, "POST", "/api/sandboxes", {})[1])["id"]

    def exec_(sandbox, command):
      return lambda: request(base, "POST", "/api/sandboxes/%s/exec" % sandbox, {"command": command})

    scalar = "a" * (1024 * 1024 - 300)
    manifest = ("apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n  name: big\nspec:\n"
                "  hosts: [reviews]\n  http:\n  - route:\n    - destination:\n        host: '%s'\n" % scalar).encode()
    half = manifest.replace(scalar.encode(), b"a" * (512 * 1024 - 400))
    status, _ = request(base, "PUT", "/api/sandboxes/%s/files/content?path=/root/big.yaml" % attacker, half,
                        "text/plain")
    assert status == 200, status

    attacks = [
      ("(none: quiet learner only)", lambda: (time.sleep(5), (200, ""))[1]),
      ("doubling variable", exec_(attacker, "x=a; for i in $(seq 1 40); do x=$x$x; done")),
      ("40 variables of 575 KiB", exec_(attacker, 'f=$(seq 1 100000); for i in $(seq 1 40); do eval "v$i=\\$f"; '
                                         'done')),
      ("seq 1 1e-999999 2 | wc -l", exec_(attacker, "seq 1 1e-999999 2 | wc -l")),
      ("seq 1e999999 1e999999", exec_(attacker, "seq 1e999999 1e999999")),
      ("seq 1 1e-20 2", exec_(attacker, "seq 1 1e-20 2")),
      ("source itself", exec_(attacker, "echo 'source /tmp/s.sh' > /tmp/s.sh; source /tmp/s.sh")),
      ("eval itself", exec_(attacker, "x='eval \"$x\"'; eval \"$x\"")),
      ("sort loop (CPU budget)", exec_(attacker, 'x=$(seq 1 60000); for i in $(seq 1 1000); do echo "$x" | '
                                        'sort -r | sort -n | wc -l; done > /dev/null')),
      ("grep ((a{1000}){1000}){1000}", exec_(attacker, "echo a | grep -E '((a{1000}){1000}){1000}'")),
      ("kubectl apply 512 KiB scalar", exec_(attacker, "kubectl apply -f /root/big.yaml")),
      ("API apply 1 MiB scalar", lambda: request(base, "POST", "/api/sandboxes/%s/apply" % attacker, manifest,
                                                 "application/yaml")),
      ("API validate 1 MiB scalar", lambda: request(base, "POST", "/api/sandboxes/%s/validate" % attacker,
                                                    manifest, "application/yaml")),
    ]
    quiet_call = exec_(quiet, "echo quiet")
    for _ in range(20):
      quiet_call()  # warm-up of the quiet path
    def blocked_since(offset):
      """Event-loop warnings logged after offset: (all, with the lab's shell or config engine on the stack,
      longest GC pause in ms, new offset)."""
      text = open(log.name).read()
      new = text[offset:]
      warnings = [w for w in new.split("WARNING: Thread ")[1:] if w.startswith("vert.x-eventloop")]
      ours = [w for w in warnings if "dev.trafficlab.terminal" in w or "dev.trafficlab.mesh" in w]
      pauses = [float(m) for m in re.findall(r"Pause .* ([0-9.]+)ms", new)]
      return len(warnings), len(ours), max(pauses, default=0), len(text)

    before, _, _, mark = blocked_since(0)
    print("event-loop warnings during start-up and warm-up: %d" % before)
    print("warns: event loop held over 100 ms (all / with the shell or config engine on the stack); gc: longest "
          "GC pause")
    print("%-32s %-9s %-10s %-7s %-7s %s" % ("attack", "took", "quiet max", "warns", "gc", "attacker's answer "
                                                                                       "(last line)"))
    total = 0
    ours_total = 0
    for name, attack in attacks:
      result = {}

      def run():
        t0 = time.monotonic()
        result["answer"] = attack()
        result["took"] = time.monotonic() - t0

      t = threading.Thread(target=run)
      t.start()
      worst = 0.0
      n = 0
      while t.is_alive() or n < 5:
        t0 = time.monotonic()
        status, body = quiet_call()
        worst = max(worst, time.monotonic() - t0)
        n += 1
        assert status == 200 and json.loads(body)["output"] == "quiet\n", body
      t.join()
      time.sleep(0.2)  # the checker reports a block when it looks, up to 20 ms after the fact
      warns, ours, gc, mark = blocked_since(mark)
      if name != "(none: quiet learner only)":
        total += warns
        ours_total += ours
      print("%-32s %6.0f ms %6.0f ms  %2d / %-2d %4.0f ms %s" % (name, result["took"] * 1000, worst * 1000, warns,
                                                               ours, gc, first_line(*result["answer"])))
    print("event loop held over 100 ms during the attacks: %d warnings, %d with the shell or config engine on "
          "the stack" % (total, ours_total))
    if os.environ.get("KEEP_LOG"):
      print("server log: " + log.name)
  finally:
    server.terminate()
    server.wait()
    if not os.environ.get("KEEP_LOG"):
      os.unlink(log.name)


if __name__ == "__main__":
  main()
