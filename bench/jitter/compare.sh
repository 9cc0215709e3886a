#!/usr/bin/env bash
# isocore's jitter probe loop vs oslat (rt-tests), side by side on the same CPU for the same total
# time, in three scenarios: quiet; stress-ng on another CPU; stress-ng on the probed CPU.
# Each tool's DURATION is split into ROUNDS runs, alternating isocore and oslat, so that both see
# the same background (on a shared machine the background changes from minute to minute).
#
# Prerequisites: rt-tests and stress-ng (apt-get install rt-tests stress-ng), Java 25, and built
# classes: ./isocore mvn -pl bench -am install -DskipTests (the bench module's JitterBench).
# Usage: bench/jitter/compare.sh      (CPU=1 NOISE_CPU=0 DURATION=20 ROUNDS=5 by default)
# Output: JSON per tool, scenario and round in bench/jitter/results/<timestamp>/ (or $OUT), and a
# Markdown table from summarize.py.
set -euo pipefail
cd "$(dirname "$0")/../.."

CPU=${CPU:-1}
NOISE_CPU=${NOISE_CPU:-0}
DURATION=${DURATION:-20}
ROUNDS=${ROUNDS:-5}
CHUNK=$((DURATION / ROUNDS))
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${OUT:-bench/jitter/results/$(date -u +%Y%m%dT%H%M%SZ)}
if [ ! -f bench/target/classpath.txt ]; then
  ./isocore mvn -B -q -pl bench dependency:build-classpath \
    -Dmdep.outputFile="$PWD/bench/target/classpath.txt" >&2
fi
# Snapshot the classpath so that a concurrent build cannot swap classes out mid-run.
SNAP=$(mktemp -d)
cp -r bench/target/classes "$SNAP/bench" 2>/dev/null || true
if [ -f bench/target/classpath.txt ]; then
  for jar in $(tr ':' ' ' <bench/target/classpath.txt); do cp "$jar" "$SNAP/"; done
fi
CP=$SNAP/bench:$(ls "$SNAP"/*.jar 2>/dev/null | tr '\n' ':')

for f in "$SNAP/bench/io/isocore/bench/agent/JitterBench.class" bench/target/classpath.txt; do
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
trap 'stop_noise; rm -rf "$SNAP"' EXIT

run_isocore() {
  # The JVM's own threads (GC, JIT, main) stay on NOISE_CPU; only the probe thread moves to CPU,
  # through sched_setaffinity via FFM, as in the agent. 2 s of warm-up precede the measurement.
  taskset -c "$NOISE_CPU" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
    -Xms64m -Xmx64m -XX:+AlwaysPreTouch -cp "$CP" io.isocore.bench.agent.JitterBench \
    "$CPU" "$CHUNK" 2 >"$OUT/$1-isocore-$2.json"
}

run_oslat() {
  # oslat's main thread on NOISE_CPU (-C), the measuring thread on CPU; SCHED_OTHER (no -f).
  oslat -C "$NOISE_CPU" -c "$CPU" -D "$CHUNK" -b 64 -q --json="$OUT/$1-oslat-$2.json" >/dev/null
}

for scenario in quiet other-cpu same-cpu; do
  case $scenario in
    quiet) ;;
    other-cpu) stress-ng --cpu 1 --taskset "$NOISE_CPU" --timeout $((4 * DURATION + 60))s -q & noise_pid=$! ;;
    same-cpu) stress-ng --cpu 1 --taskset "$CPU" --timeout $((4 * DURATION + 60))s -q & noise_pid=$! ;;
  esac
  sleep 1
  echo "$scenario: load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
  for round in $(seq "$ROUNDS"); do
    if [ $((round % 2)) -eq 1 ]; then
      run_isocore "$scenario" "$round"; run_oslat "$scenario" "$round"
    else
      run_oslat "$scenario" "$round"; run_isocore "$scenario" "$round"
    fi
  done
  stop_noise
done
echo "machine: $(nproc) CPUs, $(uname -r), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)" >"$OUT/machine.txt"
python3 bench/jitter/summarize.py "$OUT"
