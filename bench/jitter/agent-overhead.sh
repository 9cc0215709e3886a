#!/usr/bin/env bash
# Node agent overhead with probing off: CPU% of one core and RSS while Prometheus-style scrapes of
# /metrics arrive every 15 s. Runs the packaged agent (node-agent/target/quarkus-app) without a
# Kubernetes API: the probe and the NodeTopology publisher are disabled by properties, so what is
# measured is the JVM, Quarkus, and the /proc telemetry read on every scrape.
#
# Prerequisite: ./mvnw -pl node-agent -am package -DskipTests
# Usage: bench/jitter/agent-overhead.sh   (SCRAPES=8 INTERVAL=15 WARMUP=30 PORT=18080 JAVA_OPTS=...)
set -euo pipefail
cd "$(dirname "$0")/../.."

JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
SCRAPES=${SCRAPES:-8}
INTERVAL=${INTERVAL:-15}
WARMUP=${WARMUP:-30}
PORT=${PORT:-18080}
JAR=node-agent/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "missing $JAR: build first (see the header)" >&2; exit 2; }

# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" ${JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED \
  -Dquarkus.http.port="$PORT" -Disocore.probe.enabled=false \
  -Disocore.agent.publish.enabled=false -Disocore.agent.node-name=bench \
  -jar "$JAR" >/tmp/isocore-agent-overhead.log 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT

for _ in $(seq 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/live" && break
  kill -0 "$pid" 2>/dev/null || { echo "agent exited; log:" >&2; tail -20 /tmp/isocore-agent-overhead.log >&2; exit 1; }
  sleep 0.5
done
scrape() {
  curl -s -o /tmp/isocore-agent-scrape.txt -w '%{time_total}' \
    -H 'Accept: application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited' \
    "http://127.0.0.1:$PORT/metrics"
}
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }

echo "warming up for ${WARMUP}s (scraping every 5 s)"
end=$((SECONDS + WARMUP))
while [ $SECONDS -lt $end ]; do scrape >/dev/null; sleep 5; done

hz=$(getconf CLK_TCK)
t0=$(date +%s.%N); c0=$(ticks); max_rss=0; times=()
for i in $(seq "$SCRAPES"); do
  times+=("$(scrape)")
  r=$(rss_kib); [ "$r" -gt "$max_rss" ] && max_rss=$r
  sleep "$INTERVAL"
done
t1=$(date +%s.%N); c1=$(ticks)
bytes=$(stat -c %s /tmp/isocore-agent-scrape.txt)
python3 - "$t0" "$t1" "$c0" "$c1" "$hz" "$max_rss" "$(rss_kib)" "$bytes" "${times[@]}" <<'PY'
import sys
t0, t1, c0, c1, hz, max_rss, rss, size = sys.argv[1:9]
times = [float(x) * 1000 for x in sys.argv[9:]]
elapsed = float(t1) - float(t0)
cpu = (int(c1) - int(c0)) / int(hz) / elapsed * 100
print(f"measured {elapsed:.0f} s, {len(times)} scrapes")
print(f"CPU: {cpu:.2f}% of one core")
print(f"RSS: {int(rss) / 1024:.0f} MiB at the end, {int(max_rss) / 1024:.0f} MiB max")
print(f"scrape: {int(size)} bytes (protobuf), {min(times):.1f} to {max(times):.1f} ms")
PY
