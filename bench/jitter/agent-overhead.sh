#!/usr/bin/env bash
# Node agent overhead: CPU% of one core and RSS while Prometheus-style scrapes of /metrics arrive.
# Runs the packaged agent (node-agent/target/quarkus-app) without a Kubernetes API (the NodeTopology
# publisher is disabled by a property).
#
# Default mode: probing off, scraped every 15 s; what is measured is the JVM, Quarkus, the /proc
# telemetry read on every scrape and the noise attribution window (isocore.noise.enabled, on by
# default).
#
# --attribution: the cost of probing plus noise attribution, issue 16's budget (at most 0.2% of one
# core at a 10 s window). The same agent is started ROUNDS times in each of two modes, alternating:
#   off: isocore.probe.enabled=false, isocore.noise.enabled=false
#   on:  the jitter probe on PROBE_CPUS (isocore.probe.static-cpus: there is no IsolationProfile
#        without an API; a 10 s window every PROBE_INTERVAL, pinned by affinity alone) and noise
#        attribution with a NOISE_WINDOW window
# Each start warms up for WARMUP s, then WINDOWS windows of NOISE_WINDOW s are measured, scraped
# once per window. The agent's CPU time is the process's utime+stime (/proc/PID/stat, which keeps
# the time of threads that ended) minus the probe thread's (/proc/PID/task/TID/stat of the thread
# named isocore-jitter-probe, comm "isocore-jitter-"): the probe spins a whole isolated CPU during
# its windows by design, which is not overhead. The last line:
#   attribution overhead: X.XX% of one core (on A.AA%, off B.BB%, window 10 s, N windows)
#
# Prerequisite: ./mvnw -pl node-agent -am package -DskipTests
# Usage: bench/jitter/agent-overhead.sh                (SCRAPES=8 INTERVAL=15 WARMUP=30 PORT=18080)
#        bench/jitter/agent-overhead.sh --attribution  (ROUNDS=2 WINDOWS=12 WARMUP=60 NOISE_WINDOW=10
#                                      PROBE_CPUS=<last CPU> PROBE_INTERVAL=30s PORT=18080)
#        JAVA_OPTS=... for either.
set -euo pipefail
cd "$(dirname "$0")/../.."

MODE=plain
case "${1:-}" in
  --attribution) MODE=attribution ;;
  "") ;;
  *) echo "usage: $0 [--attribution]" >&2; exit 2 ;;
esac

JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PORT=${PORT:-18080}
JAR=node-agent/target/quarkus-app/quarkus-run.jar
LOG=/tmp/isocore-agent-overhead.log
[ -f "$JAR" ] || { echo "missing $JAR: build first (see the header)" >&2; exit 2; }
# Another process on the port would answer the health checks and scrapes in the agent's place.
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is in use on 127.0.0.1: run with PORT=<a free port>" >&2
  exit 2
fi
hz=$(getconf CLK_TCK)
pid=""

# start_agent PROPERTY...: starts the agent with these -D properties, waits until it is live.
start_agent() {
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" ${JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED \
    -Dquarkus.http.port="$PORT" -Disocore.agent.publish.enabled=false \
    -Disocore.agent.node-name=bench "$@" -jar "$JAR" >"$LOG" 2>&1 &
  pid=$!
  for _ in $(seq 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/live" && return 0
    kill -0 "$pid" 2>/dev/null || { echo "agent exited; log:" >&2; tail -20 "$LOG" >&2; exit 1; }
    sleep 0.5
  done
  echo "agent not live after 60 s; log:" >&2; tail -20 "$LOG" >&2; exit 1
}
stop_agent() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=""
  fi
}
trap stop_agent EXIT

scrape() {
  curl -s -o /tmp/isocore-agent-scrape.txt -w '%{time_total}' \
    -H 'Accept: application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited' \
    "http://127.0.0.1:$PORT/metrics"
}
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }

plain() {
  SCRAPES=${SCRAPES:-8}
  INTERVAL=${INTERVAL:-15}
  WARMUP=${WARMUP:-30}
  start_agent -Disocore.probe.enabled=false
  echo "warming up for ${WARMUP}s (scraping every 5 s)"
  end=$((SECONDS + WARMUP))
  while [ $SECONDS -lt $end ]; do scrape >/dev/null; sleep 5; done

  t0=$(date +%s.%N); c0=$(ticks); max_rss=0; times=()
  for _ in $(seq "$SCRAPES"); do
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
}

# The probe thread's id ("" when there is none): its comm is the first 15 bytes of its name.
probe_tid() {
  local comm
  for task in /proc/"$pid"/task/*; do
    comm=$(cat "$task/comm" 2>/dev/null || true)
    [ "$comm" = "isocore-jitter-" ] && { basename "$task"; return 0; }
  done
  return 0
}
thread_ticks() { # TID: its utime+stime; 0 without one
  if [ -n "$1" ] && [ -r "/proc/$pid/task/$1/stat" ]; then
    sed 's/^.*) //' "/proc/$pid/task/$1/stat" | awk '{print $12 + $13}'
  else
    echo 0
  fi
}

# "TID TICKS COMM" for every live thread of the agent (spaces in names as _).
thread_table() {
  python3 - "$pid" <<'PY'
import os, sys
pid = sys.argv[1]
for tid in os.listdir(f"/proc/{pid}/task"):
    try:
        stat = open(f"/proc/{pid}/task/{tid}/stat").read()
    except OSError:
        continue
    fields = stat[stat.rindex(")") + 2 :].split()
    comm = stat[stat.index("(") + 1 : stat.rindex(")")].replace(" ", "_")
    print(tid, int(fields[11]) + int(fields[12]), comm)
PY
}
# top_threads BEFORE AFTER SECONDS: the five threads that used the most CPU in between, the probe
# thread left out.
top_threads() {
  python3 - "$1" "$2" "$3" "$hz" <<'PY'
import sys
def load(path):
    return {t: (int(k), c) for t, k, c in (l.split() for l in open(path) if l.strip())}
before, after = load(sys.argv[1]), load(sys.argv[2])
seconds, hz = float(sys.argv[3]), int(sys.argv[4])
used = sorted(
    ((k - before.get(t, (0, c))[0], c) for t, (k, c) in after.items() if c != "isocore-jitter-"),
    reverse=True,
)
print("  top threads: " + ", ".join(f"{c} {k / hz / seconds * 100:.2f}%" for k, c in used[:5] if k > 0))
PY
}

# measure MODE: one start of the agent; appends "MODE seconds agent_ticks probe_ticks" per window.
measure() {
  local mode=$1 tid t0 t1 c0 c1 p0 p1
  if [ "$mode" = on ]; then
    start_agent -Disocore.probe.enabled=true -Disocore.probe.static-cpus="$PROBE_CPUS" \
      -Disocore.probe.static-interval="$PROBE_INTERVAL" -Disocore.probe.cgroup=false \
      -Disocore.noise.enabled=true -Disocore.noise.window="${NOISE_WINDOW}s"
  else
    start_agent -Disocore.probe.enabled=false -Disocore.noise.enabled=false
  fi
  echo "$mode: warming up for ${WARMUP}s (pid $pid)" >&2
  end=$((SECONDS + WARMUP))
  while [ $SECONDS -lt $end ]; do scrape >/dev/null; sleep 5; done
  tid=$(probe_tid)
  if [ "$mode" = on ] && [ -z "$tid" ]; then
    echo "no isocore-jitter-probe thread in the agent; log:" >&2; tail -20 "$LOG" >&2; exit 1
  fi
  thread_table >"$SAMPLES.before"
  local s0=$SECONDS
  for _ in $(seq "$WINDOWS"); do
    t0=$(date +%s.%N); c0=$(ticks); p0=$(thread_ticks "$tid")
    scrape >/dev/null
    sleep "$NOISE_WINDOW"
    t1=$(date +%s.%N); c1=$(ticks); p1=$(thread_ticks "$tid")
    echo "$mode $(awk "BEGIN {print $t1 - $t0}") $((c1 - c0)) $((p1 - p0))" >>"$SAMPLES"
  done
  thread_table >"$SAMPLES.after"
  echo "$mode:$(top_threads "$SAMPLES.before" "$SAMPLES.after" $((SECONDS - s0)))" >&2
  if [ "$mode" = on ]; then
    grep -q 'static plan' "$LOG" || echo "note: the agent log shows no static plan line" >&2
  fi
  stop_agent
}

attribution() {
  ROUNDS=${ROUNDS:-2}
  WINDOWS=${WINDOWS:-12}
  WARMUP=${WARMUP:-60}
  NOISE_WINDOW=${NOISE_WINDOW:-10}
  PROBE_CPUS=${PROBE_CPUS:-$(($(nproc) - 1))}
  PROBE_INTERVAL=${PROBE_INTERVAL:-30s}
  [ "$PROBE_CPUS" != 0 ] || { echo "needs 2 CPUs: the probe spins one" >&2; exit 2; }
  SAMPLES=$(mktemp /tmp/isocore-agent-overhead.XXXXXX)
  echo "attribution overhead: ${ROUNDS} rounds of off then on, ${WINDOWS} windows of" \
    "${NOISE_WINDOW} s each after ${WARMUP} s; probe on CPU ${PROBE_CPUS} every ${PROBE_INTERVAL}"
  for r in $(seq "$ROUNDS"); do
    measure off
    measure on
    echo "round $r done" >&2
  done
  python3 - "$hz" "$NOISE_WINDOW" "$SAMPLES" <<'PY'
import statistics, sys
hz, window, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rows = [l.split() for l in open(path) if l.strip()]
def pct(mode):
    ws = [(float(s), int(a) - int(p)) for m, s, a, p in rows if m == mode]
    per = [t / hz / s * 100 for s, t in ws]
    total = sum(t for _, t in ws) / hz / sum(s for s, _ in ws) * 100
    return total, per, len(ws)
off, off_w, n_off = pct("off")
on, on_w, n_on = pct("on")
probe = sum(int(p) for m, s, a, p in rows if m == "on") / hz
spun = sum(float(s) for m, s, a, p in rows if m == "on")
for name, total, per in (("off", off, off_w), ("on", on, on_w)):
    print(f"{name}: {total:.2f}% of one core over {len(per)} windows (per window: median"
          f" {statistics.median(per):.2f}%, min {min(per):.2f}%, max {max(per):.2f}%)")
print(f"probe thread (left out): {probe:.1f} s of CPU in {spun:.0f} s ({probe / spun * 100:.1f}%)")
print(f"attribution overhead: {on - off:.2f}% of one core (on {on:.2f}%, off {off:.2f}%,"
      f" window {window} s, {min(n_on, n_off)} windows)")
PY
  rm -f "$SAMPLES" "$SAMPLES.before" "$SAMPLES.after"
}

if [ "$MODE" = attribution ]; then attribution; else plain; fi
