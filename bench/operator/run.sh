#!/usr/bin/env bash
# The operator end to end: the production operator code (informers, scheduling loop under Lease
# election, commit pipeline, ApiBinder) against an API stand-in that answers every request after a
# fixed delay without serializing requests; the same run measures the stand-in's own ceiling.
#   bench/operator/run.sh [--pods N] [--nodes N] [--api-latency-ms MS] [--warmup-passes N] [--no-build]
# Defaults: 1000 pods, 50 nodes, 5 ms, 5 unmeasured warm-up passes of 2,000 pods first (as JMH's
# warm-up iterations: the operator has been running; --warmup-passes 1 shows a standby JVM that has
# just taken over, whose scheduling code the JIT has not compiled yet). Run it alone on the machine and record the figures in
# docs/benchmarks.md (Operator end-to-end). The last line is the result:
#   end-to-end: N pods/s, bind p50 X ms, p99 Y ms (api latency Z ms, ceiling C requests/s ...)
# N is measured after the first tenth of the Bindings, as scheduler_perf measures after its initPods
# (the line before gives the rate from the start of leadership too).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

build=1
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --pods|--nodes|--api-latency-ms|--warmup-passes) args+=("$1" "$2"); shift ;;
    *) echo "usage: bench/operator/run.sh [--pods N] [--nodes N] [--api-latency-ms MS] [--warmup-passes N] [--no-build]" >&2; exit 2 ;;
  esac
  shift
done

cp_file="$root/operator/target/bench-classpath.txt"
if [ "$build" = 1 ] || [ ! -f "$cp_file" ]; then
  ./isocore mvn -B -q -pl operator -am install -DskipTests >&2
  ./isocore mvn -B -q -pl operator test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2
fi
java_home=$(./isocore java-home)
exec "$java_home/bin/java" -Xms1g -Xmx2g -Disocore.root="$root" \
  -cp "$root/operator/target/test-classes:$root/operator/target/classes:$(cat "$cp_file")" \
  io.isocore.operator.bench.OperatorEndToEndBench "${args[@]}"
