#!/usr/bin/env bash
# Ticket shares in the kernel: tenants A (300) and B (100) on one shared CPU, cgroup v1 sandbox
# laid out as the kubelet does, weights written by the agent's enforcement path; Container mode,
# Pod mode (expected 3:1), Pod mode with C lending 200 tickets to B (expected 1:1).
#   bench/fairness/run.sh [SECONDS]     (SECONDS per window, default 30; needs root and cgroup v1)
# Run it alone on the machine (check `uptime`). ISOCORE_BENCH_NO_BUILD=1 skips the build.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-30}
cd "$root"
java_home=$(./isocore java-home)
cp_file="$root/bench/target/classpath.txt"
if [ "${ISOCORE_BENCH_NO_BUILD:-}" != 1 ]; then
  ./isocore mvn -B -q -pl bench -am install -DskipTests >&2
fi
./isocore mvn -B -q -o -pl bench dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
echo "load before: $(uptime)"
exec "$java_home/bin/java" -cp "$root/bench/target/classes:$(cat "$cp_file")" \
  io.isocore.bench.fairness.KernelShareBench "$seconds"
