#!/usr/bin/env bash
# The isolation effect in one run: the quickstart's latency workload beside its noisy neighbour,
# isocore off (--no-isolation: both float over every CPU) and on (the latency workload alone on
# its exclusive CPU), same duration. Prints both runs' figures and the off/on ratios.
#   bench/isolation/run.sh [SECONDS]        (default 30; needs root for the cgroup sandbox)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-30}
out=$root/bench/isolation/results
mkdir -p "$out"
"$root/isocore" quickstart --no-isolation --duration "${seconds}s" --summary "$out/off.json" > "$out/off.log" 2>&1
"$root/isocore" quickstart --duration "${seconds}s" --summary "$out/on.json" > "$out/on.log" 2>&1
python3 - "$out/off.json" "$out/on.json" <<'PY'
import json, sys
off, on = (json.load(open(f)) for f in sys.argv[1:3])
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
PY
