/**
 * Noise attribution: parsers for {@code /proc/interrupts}, {@code /proc/softirqs}, {@code
 * /proc/stat}, per-thread {@code stat}/{@code schedstat} and the osnoise tracer, and the model that
 * says which source took a CPU over a window ({@link io.isocore.core.noise.NoiseAttribution}),
 * exactly where the kernel measured it and by correlation otherwise. Pure: text in, values out.
 */
package io.isocore.core.noise;
