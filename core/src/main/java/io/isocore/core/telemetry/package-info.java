/**
 * Pure parsers and bookkeeping for the node agent's passive telemetry: {@code /proc/interrupts},
 * {@code /proc/softirqs}, {@code /proc/schedstat}, per-thread {@code status}, {@code stat}, {@code
 * schedstat} and {@code sched}, cgroup membership, and monotonic counters that survive thread
 * churn, CPU hotplug and counter resets.
 *
 * <p>Every parser takes the file's text as a {@link java.lang.String}; the agent does the reading.
 */
package io.isocore.core.telemetry;
