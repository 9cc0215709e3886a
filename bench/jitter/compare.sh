#!/usr/bin/env bash
# isocore's jitter probe loop vs oslat (rt-tests), side by side on the same CPU for the same time,
# in three scenarios: quiet; stress-ng on another CPU; stress-ng on the probed CPU.
#
# Prerequisites: rt-tests and stress-ng (apt-get install rt-tests stress-ng), Java 25, and built
# classes: ./mvnw -pl node-agent -am test-compile -DskipTests (or any node-agent test run).
# Usage: bench/jitter/compare.sh            (CPU=1 NOISE_CPU=0 DURATION=20 by default)
# Output: one JSON per tool and scenario in bench/jitter/results/<timestamp>/, and a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."

CPU=${CPU:-1}
NOISE_CPU=${NOISE_CPU:-0}
DURATION=${DURATION:-20}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${OUT:-bench/jitter/results/$(date -u +%Y%m%dT%H%M%SZ)}
HDR=$HOME/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar
CP=node-agent/target/classes:node-agent/target/test-classes:core/target/classes:$HDR

for f in node-agent/target/test-classes/io/isocore/agent/probe/JitterBench.class "$HDR"; do
  [ -e "$f" ] || { echo "missing $f: build first (see the header of this script)" >&2; exit 2; }
done
for tool in oslat stress-ng taskset; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install rt-tests stress-ng" >&2; exit 2; }
done
mkdir -p "$OUT"

noise_pid=""
stop_noise() {
  if [ -n "$noise_pid" ]; then
    kill "$noise_pid" 2>/dev/null || true
    wait "$noise_pid" 2>/dev/null || true
    noise_pid=""
  fi
}
trap stop_noise EXIT

run_isocore() {
  # The JVM's own threads (GC, JIT, main) stay on NOISE_CPU; only the probe thread moves to CPU,
  # through sched_setaffinity via FFM, as in the agent.
  taskset -c "$NOISE_CPU" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
    -Xms64m -Xmx64m -XX:+AlwaysPreTouch -cp "$CP" io.isocore.agent.probe.JitterBench \
    "$CPU" "$DURATION" 2 >"$OUT/$1-isocore.json"
}

run_oslat() {
  # oslat's main thread on NOISE_CPU (-C), the measuring thread on CPU; SCHED_OTHER (no -f).
  oslat -C "$NOISE_CPU" -c "$CPU" -D "$DURATION" -b 64 -q --json="$OUT/$1-oslat.json" >/dev/null
}

for scenario in quiet other-cpu same-cpu; do
  case $scenario in
    quiet) ;;
    other-cpu) stress-ng --cpu 1 --taskset "$NOISE_CPU" --timeout $((4 * DURATION))s -q & noise_pid=$! ;;
    same-cpu) stress-ng --cpu 1 --taskset "$CPU" --timeout $((4 * DURATION))s -q & noise_pid=$! ;;
  esac
  sleep 1
  echo "$scenario: load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
  run_isocore "$scenario"
  run_oslat "$scenario"
  stop_noise
done
echo "machine: $(nproc) CPUs, $(uname -r), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)" >"$OUT/machine.txt"
python3 bench/jitter/summarize.py "$OUT"
