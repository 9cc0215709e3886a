package io.isocore.agent.metrics;

/** Classic histogram buckets for loop gaps: 100 ns to 10 ms, 1-2.5-5 per decade, in seconds. */
final class JitterBuckets {

  static final double[] UPPER_BOUNDS_SECONDS = {
    100e-9, 250e-9, 500e-9, 1e-6, 2.5e-6, 5e-6, 10e-6, 25e-6, 50e-6, 100e-6, 250e-6, 500e-6, 1e-3,
    2.5e-3, 5e-3, 10e-3
  };

  private JitterBuckets() {}
}
