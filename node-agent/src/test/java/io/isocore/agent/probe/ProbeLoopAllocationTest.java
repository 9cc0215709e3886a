package io.isocore.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe's hot path allocates nothing: bytes this thread allocated (HotSpot's per-thread
 * counter, exact to the byte: it includes the current TLAB's use) around a loop run and around a
 * whole segmented window, on the real clock, after warm-up so the JIT's compiled code is what is
 * measured. A window of 10 s would be 100 segments; one of 1 s (10 segments) is measured here: an
 * allocation per segment or per gap would show, and the answer is exactly 0 bytes either way.
 */
class ProbeLoopAllocationTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private static com.sun.management.ThreadMXBean threads;

  private final LongSupplier clock = System::nanoTime;
  private final Histogram gaps = new Histogram(JitterProbe.HIGHEST_TRACKABLE_NANOS, 3);
  private final LoopCounters counters = new LoopCounters();
  private final StopSignal stop = new StopSignal();

  @BeforeAll
  static void allocationCounter() {
    assumeTrue(
        ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
            && t.isThreadAllocatedMemorySupported(),
        "this JVM does not count allocated bytes per thread");
    threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    threads.setThreadAllocatedMemoryEnabled(true);
  }

  /** Bytes allocated by {@code work} on this thread, minus what reading the counter costs. */
  private static long allocatedBy(Runnable work) {
    long a = threads.getCurrentThreadAllocatedBytes();
    long b = threads.getCurrentThreadAllocatedBytes();
    work.run();
    long c = threads.getCurrentThreadAllocatedBytes();
    return (c - b) - (b - a);
  }

  private static long[] sink;

  @Test
  void theCounterSeesAnAllocation() {
    // So a zero below means nothing was allocated, not that nothing is counted.
    assertThat(allocatedBy(() -> sink = new long[128])).isBetween(1_024L, 1_100L);
  }

  @Test
  void theSpinLoopAllocatesNothingWhetherOrNotItRecordsGaps() {
    for (int i = 0; i < 30; i++) { // interpreter, C1, then C2 (normal entry and OSR)
      JitterLoop.run(clock, 20 * MS, 0, gaps, stop, counters);
      JitterLoop.run(clock, 20 * MS, 1_000, gaps, stop, counters);
    }
    gaps.reset();
    // Threshold 0: every iteration records into the histogram (the worst case for the loop).
    long recordingAll = allocatedBy(() -> JitterLoop.run(clock, 500 * MS, 0, gaps, stop, counters));
    long iterations = counters.iterations();
    assertThat(gaps.getTotalCount()).isEqualTo(iterations).isGreaterThan(1_000_000);
    // The probe's threshold: only the gaps of 1 µs and more.
    long atThreshold =
        allocatedBy(() -> JitterLoop.run(clock, 500 * MS, 1_000, gaps, stop, counters));
    assertThat(counters.iterations()).isGreaterThan(1_000_000);

    assertThat(recordingAll).as("bytes allocated by 500 ms recording every gap").isZero();
    assertThat(atThreshold).as("bytes allocated by 500 ms at a 1 µs threshold").isZero();
  }

  @Test
  void aWholeSegmentedWindowAllocatesNothing() {
    SegmentedWindow window = new SegmentedWindow(JitterProbe.HIGHEST_TRACKABLE_NANOS);
    Histogram kept = new Histogram(JitterProbe.HIGHEST_TRACKABLE_NANOS, 3);
    // The agent passes a GC counter that reads the collector MXBeans between segments; a constant
    // stands in for it here, so what is measured is the window itself (segments, merges, totals).
    LongSupplier noGc = () -> 0;
    for (int i = 0; i < 8; i++) {
      window.run(clock, noGc, 300 * MS, 0, kept, stop);
    }
    SegmentedWindow.Outcome[] outcome = new SegmentedWindow.Outcome[1];
    long bytes = allocatedBy(() -> outcome[0] = window.run(clock, noGc, 1_000 * MS, 0, kept, stop));

    assertThat(outcome[0]).isEqualTo(SegmentedWindow.Outcome.MEASURED);
    assertThat(window.totals().iterations()).isEqualTo(kept.getTotalCount());
    assertThat(bytes).as("bytes allocated by a 1 s window of 10 segments").isZero();
  }

  @Test
  void theAgentsGcCounterAllocatesNothing() {
    // Read between every two segments: a fresh list of collector beans per read was about 5 KB,
    // 1 MB per 10 s window, enough garbage to set off the collection that drops a segment.
    for (int i = 0; i < 1_000; i++) {
      ProbeService.gcCount();
    }
    long bytes =
        allocatedBy(
            () -> {
              for (int i = 0; i < 100; i++) {
                gcSink += ProbeService.gcCount();
              }
            });
    assertThat(bytes).as("bytes allocated by 100 reads of the GC count").isZero();
  }

  private static long gcSink;
}
