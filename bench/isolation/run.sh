#!/usr/bin/env bash
# The isolation effect in one run: the quickstart's latency workload beside its noisy neighbour,
# isocore off (--no-isolation: both float over every CPU) and on, same duration: the figures and
# the off/on ratios. Then, isocore on, the hot thread off (every thread of the workload, its busy
# housekeeping thread included, on the exclusive CPU) and on (the pod's isocore.io/hot-thread: the
# measuring thread alone there, the others on the shared pool): the hot thread's own involuntary
# switches and run-queue wait per second of its life (the workload reads
# /proc/thread-self/status nonvoluntary_ctxt_switches and schedstat), ending with the line
#   hot thread off/on: involuntary switches X.Xx, run-queue wait Y.Yx
#   bench/isolation/run.sh [SECONDS]        (default 30; needs root for the cgroup sandbox)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-30}
out=$root/bench/isolation/results
mkdir -p "$out"
# The latency workload's last stats line (it writes one a second) of the run that just ended.
latency_stats() {
  local f
  f=$(find "$root/quickstart/target/run/pods" -path '*latency-workload*' -name stats -printf '%T@ %p\n' 2>/dev/null | sort -n | tail -n 1 | cut -d' ' -f2-)
  [ -n "$f" ] && cp "$f" "$1" || : > "$1"
}
"$root/isocore" quickstart --no-isolation --duration "${seconds}s" --summary "$out/off.json" > "$out/off.log" 2>&1
"$root/isocore" quickstart --duration "${seconds}s" --summary "$out/on.json" > "$out/on.log" 2>&1
# The hot thread off and on, isocore on, measured once the latency workload runs warm, over
# SECONDS. For that window the quickstart's own processes (API server and kubelet stand-in,
# operator, containerd: this script started them) are moved to CPU 0, the reserved CPU, as a node's
# system daemons are (systemd CPUAffinity, reservedSystemCPUs); otherwise the scheduler balances
# them onto the hot thread's CPU, the one not saturated by the noisy neighbour. Pods keep their
# cpusets. Off: every thread of the latency workload, its busy housekeeping thread included, on the
# exclusive CPU (ISOCORE_HOT_THREAD_MODE=shared, passed to it by the kubelet stand-in); on: the pod's
# isocore.io/hot-thread, the measuring thread alone there.
hot_run() { # MODE NAME
  local mode=$1 name=$2 f= qs pid
  : > "$out/$name.mark"
  ISOCORE_HOT_THREAD_MODE=$mode "$root/isocore" quickstart --duration 600s --summary "$out/$name.json" > "$out/$name.log" 2>&1 &
  qs=$!
  for _ in $(seq 1 180); do
    f=$(find "$root/quickstart/target/run/pods" -path '*latency-workload*' -name stats -newer "$out/$name.mark" 2>/dev/null | head -n 1 || true)
    if [ -n "$f" ] && grep -q ' true ' "$f"; then break; fi
    f=
    sleep 1
  done
  [ -n "$f" ] || { echo "$name: the latency workload never ran warm (see $out/$name.log)" >&2; kill -TERM $qs 2>/dev/null; wait $qs; return 1; }
  # The quickstart (./isocore execs it) and its children: the operator, containerd.
  for pid in $qs $(pgrep -P $qs); do
    taskset -a -p -c 0 "$pid" > /dev/null
  done
  sleep 2
  cp "$f" "$out/$name.start.stats"
  sleep "$seconds"
  cp "$f" "$out/$name.stats"
  kill -TERM $qs 2>/dev/null
  wait $qs || true
}
hot_run shared hot-off
hot_run alone hot-on
python3 - "$out/off.json" "$out/on.json" "$out/hot-off" "$out/hot-on" <<'PY'
import json, sys
off, on = (json.load(open(f)) for f in sys.argv[1:3])
def hot(prefix):
    # iterations max p999 p9999 gaps warm nonvoluntary_switches runqueue_wait_ns life_ns cpus
    a, b = (open(prefix + suffix).read().split() for suffix in (".start.stats", ".stats"))
    if len(a) < 10 or len(b) < 10:
        sys.exit(f"{prefix}: no hot-thread figures from the latency workload")
    window = (int(b[8]) - int(a[8])) / 1e9
    return {"switches/s": (int(b[6]) - int(a[6])) / window,
            "wait ms/s": (int(b[7]) - int(a[7])) / 1e6 / window, "life s": window, "cpus": b[9]}
hot_off, hot_on = hot(sys.argv[3]), hot(sys.argv[4])
def fig(run, key):
    lat = run.get("latency") or {}
    return {"max": lat.get("maxNanos"), "p99.9": lat.get("p999Nanos"), "p99.99": lat.get("p9999Nanos"),
            "gaps>=10us": lat.get("gapsOver10us"), "invol cs": run["involuntaryContextSwitches"],
            "interrupts": run["interruptsOnItsCpus"]}[key]
print(f"{'figure':<12} {'isocore off':>14} {'isocore on':>14} {'off/on':>10}")
for key in ["max", "p99.9", "p99.99", "gaps>=10us", "invol cs", "interrupts"]:
    a, b = fig(off, key), fig(on, key)
    ratio = f"{a / b:.1f}x" if a is not None and b not in (None, 0) else "n/a"
    unit = " ns" if key in ("max", "p99.9", "p99.99") else ""
    print(f"{key:<12} {str(a) + unit:>14} {str(b) + unit:>14} {ratio:>10}")
print(f"latency workload CPUs: off {off['cpusAllowed']}, on {on['cpusAllowed']}; noisy neighbour: off {off['noisyCpusAllowed']}, on {on['noisyCpusAllowed']}")
print()
print("the latency workload's hot thread, isocore on, per second once warm (off: every thread of")
print("the workload on its exclusive CPU, the busy housekeeping thread included; on: the pod asks for")
print("the hot thread alone, its other threads on the shared pool):")
print(f"{'figure':<22} {'hot thread off':>14} {'hot thread on':>14} {'off/on':>10}")
for key in ["switches/s", "wait ms/s"]:
    a, b = hot_off[key], hot_on[key]
    print(f"{key:<22} {a:>14.2f} {b:>14.3f} {(a / b if b else float('inf')):>9.1f}x")
print(f"hot thread CPUs: off {hot_off['cpus']}, on {hot_on['cpus']}; measured over {hot_off['life s']:.1f} s, {hot_on['life s']:.1f} s")
print("anchor (a spinning process, 10 s on this VM): sharing its CPU with a hog 1,250 involuntary switches")
print("and 5.0 s run-queue wait; alone 285 and 45-96 ms. The switches left when alone are kernel threads")
print("that only isolcpus/nohz_full keep away, which this kernel does not have.")
def ratio(key):
    return hot_off[key] / hot_on[key] if hot_on[key] else float("inf")
print(f"hot thread off/on: involuntary switches {ratio('switches/s'):.1f}x, run-queue wait {ratio('wait ms/s'):.1f}x")
PY
