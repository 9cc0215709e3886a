#!/usr/bin/env bash
# The isolation effect in one run: the quickstart's latency workload beside its noisy neighbour,
# isocore off (--no-isolation: both float over every CPU) and on (the latency pod asks for the hot
# thread alone: its measuring thread alone on its exclusive CPU, its other threads on the shared
# pool), same duration. Prints both runs' figures and the off/on ratios, then the hot thread's own
# scheduler figures per second of its life (the workload reads /proc/thread-self/status
# nonvoluntary_ctxt_switches and schedstat's run-queue wait), ending with the line
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
latency_stats "$out/off.stats"
"$root/isocore" quickstart --duration "${seconds}s" --summary "$out/on.json" > "$out/on.log" 2>&1
latency_stats "$out/on.stats"
python3 - "$out/off.json" "$out/on.json" "$out/off.stats" "$out/on.stats" <<'PY'
import json, sys
off, on = (json.load(open(f)) for f in sys.argv[1:3])
def hot(path):
    # iterations max p999 p9999 gaps warm nonvoluntary_switches runqueue_wait_ns life_ns cpus
    f = open(path).read().split()
    if len(f) < 10:
        sys.exit(f"{path}: no hot-thread figures from the latency workload")
    life = int(f[8]) / 1e9
    return {"switches/s": int(f[6]) / life, "wait ms/s": int(f[7]) / 1e6 / life, "life s": life, "cpus": f[9]}
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
print("the latency workload's hot thread, per second of its life (isocore off: it shares its CPUs")
print("with the noisy neighbour's burners; on: alone on its exclusive CPU, its JVM's other threads")
print("on the shared pool):")
print(f"{'figure':<22} {'isocore off':>14} {'isocore on':>14} {'off/on':>10}")
for key in ["switches/s", "wait ms/s"]:
    a, b = hot_off[key], hot_on[key]
    print(f"{key:<22} {a:>14.2f} {b:>14.3f} {(a / b if b else float('inf')):>9.1f}x")
print(f"hot thread CPUs: off {hot_off['cpus']}, on {hot_on['cpus']}; lives {hot_off['life s']:.1f} s, {hot_on['life s']:.1f} s")
print("anchor (a spinning process, 10 s on this VM): sharing its CPU with a hog 1,250 involuntary switches")
print("and 5.0 s run-queue wait; alone 285 and 45-96 ms. The switches left when alone are kernel threads")
print("that only isolcpus/nohz_full keep away, which this kernel does not have.")
def ratio(key):
    return hot_off[key] / hot_on[key] if hot_on[key] else float("inf")
print(f"hot thread off/on: involuntary switches {ratio('switches/s'):.1f}x, run-queue wait {ratio('wait ms/s'):.1f}x")
PY
