package io.isocore.core.noise;

/**
 * One thread as seen in {@code /proc/PID/task/TID/stat} and {@code schedstat}.
 *
 * @param tid the thread id
 * @param startTime its start time (field 22, clock ticks), so a reused tid is a new thread
 * @param comm its command name
 * @param processor the CPU it last ran on (field 39)
 * @param runNanos time it has run, from schedstat (or utime+stime in ns where schedstat is absent)
 * @param involuntarySwitches its involuntary context switches, -1 when unknown
 */
public record TaskSample(
    long tid,
    long startTime,
    String comm,
    int processor,
    long runNanos,
    long involuntarySwitches) {}
