package io.isocore.report.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isocore.report.HistogramPercentiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * An {@code isocore-result/v1} file with known contents: two seeded latency histograms (isocore off
 * with a heavy tail, on with a light one) and 30 one-second noise windows on CPUs 1 and 2 with nine
 * sources, so the chart keeps six and sums three into "other".
 */
public final class ResultFixtures {

  public static final long COUNT = 1_000_000;
  public static final String[] SOURCES = {
    "LOC", "TIMER", "RES", "RCU", "kworker/1:1", "steal", "TLB", "CAL", "virtio0-input.0"
  };

  private ResultFixtures() {}

  /** A seeded latency histogram: 1 in {@code tail} latencies is 10 µs to 2 ms. */
  public static Histogram latencies(long seed, int tail) {
    Random random = new Random(seed);
    Histogram h = new Histogram(1, 10_000_000_000L, 3);
    for (long i = 0; i < COUNT; i++) {
      double u = random.nextDouble();
      long nanos = 30 + random.nextInt(20);
      if (random.nextInt(tail) == 0) {
        nanos = 10_000 + (long) (Math.pow(u, 3) * 2_000_000);
      } else if (random.nextInt(100) == 0) {
        nanos = 100 + random.nextInt(2_000);
      }
      h.recordValue(nanos);
    }
    return h;
  }

  /** Writes the fixture as {@code dir/result.json} and returns its path. */
  public static Path write(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("format", "isocore-result/v1");
    root.put("title", "Fixture: isocore off vs on");
    ArrayNode runs = root.putArray("runs");
    // "on" first in the file: the reader still puts the baseline (isolation false) first.
    run(runs, "isocore on", true, latencies(2, 20_000), 1_200, 5_000);
    run(runs, "isocore off", false, latencies(1, 1_000), 3_500, 21_000);
    ArrayNode noise = root.putArray("noise");
    Random random = new Random(3);
    for (int t = 0; t < 30; t++) {
      ObjectNode window = noise.addObject();
      window.put("atSeconds", t);
      window.put("windowSeconds", 1);
      ArrayNode cpus = window.putArray("cpus");
      for (int cpu = 1; cpu <= 2; cpu++) {
        ObjectNode c = cpus.addObject();
        c.put("cpu", cpu);
        ArrayNode sources = c.putArray("sources");
        for (int s = 0; s < SOURCES.length; s++) {
          long events = (long) ((SOURCES.length - s) * 30 * (1 + random.nextDouble()));
          if (SOURCES[s].equals("steal") && t % 10 == 7) {
            events *= 8; // a burst of hypervisor steal every 10 s
          }
          ObjectNode source = sources.addObject();
          source.put("name", SOURCES[s]);
          source.put("kind", s < 2 ? "irq" : s < 4 ? "softirq" : "thread");
          source.put("events", events);
          source.put("seconds", events * 2e-6);
        }
      }
    }
    Files.createDirectories(dir);
    Path file = dir.resolve("result.json");
    json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    return file;
  }

  private static void run(
      ArrayNode runs, String label, boolean isolation, Histogram h, long switches, long irqs) {
    ObjectNode run = runs.addObject();
    run.put("label", label);
    run.put("isolation", isolation);
    run.put("seconds", 30);
    run.putObject("latency").put("histogram", HistogramPercentiles.encode(h));
    ObjectNode figures = run.putObject("figures");
    figures.put("involuntary context switches", switches);
    figures.put("interrupts on its CPUs", irqs);
  }

  /**
   * Writes {@code dir/summary.json} as the quickstart writes it (quickstart/view/RunSummary): the
   * figures, {@code latency.histogram} (the workload's whole histogram) and {@code noise}, the
   * agent's attribution windows of 10 s on CPUs 0 and 1 (names as the agent labels them, times as
   * the correlation's estimates). Returns its path.
   */
  public static Path quickstartSummary(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("isolation", true);
    root.put("seconds", 60);
    root.put("cpusAllowed", "0-1");
    root.put("hotThreadCpus", "1");
    root.put("otherThreadsCpus", "0");
    root.put("noisyCpusAllowed", "0");
    Histogram h = latencies(4, 5_000);
    ObjectNode latency = root.putObject("latency");
    latency.put("iterations", h.getTotalCount());
    latency.put("maxNanos", h.getMaxValue());
    latency.put("p999Nanos", h.getValueAtPercentile(99.9));
    latency.put("p9999Nanos", h.getValueAtPercentile(99.99));
    latency.put("gapsOver10us", 200);
    latency.put("histogram", HistogramPercentiles.encode(h));
    root.put("involuntaryContextSwitches", 43);
    root.put("interruptsOnItsCpus", 2_600);
    String[] names = {"LOC", "TIMER", "RCU", "36:virtio1-req.0", "other"};
    String[] kinds = {"irq", "softirq", "softirq", "irq", "other"};
    ArrayNode noise = root.putArray("noise");
    for (int t = 0; t < 5; t++) {
      ObjectNode window = noise.addObject();
      window.put("atSeconds", 6.0 + 10 * t);
      window.put("windowSeconds", 10.0);
      ArrayNode cpus = window.putArray("cpus");
      for (int cpu = 0; cpu <= 1; cpu++) {
        ArrayNode sources = cpus.addObject().put("cpu", cpu).putArray("sources");
        for (int s = 0; s < names.length; s++) {
          long events = (names.length - s) * (cpu == 0 ? 400L : 250L) + 7L * t;
          sources
              .addObject()
              .put("name", names[s])
              .put("kind", kinds[s])
              .put("events", events)
              .put("seconds", events * 2.5e-6);
        }
      }
    }
    Files.createDirectories(dir);
    Path file = dir.resolve("summary.json");
    json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    return file;
  }

  /** The test resource directory of that name (results/isolation, results/noise). */
  public static Path resource(String name) {
    try {
      return Path.of(ResultFixtures.class.getResource("/results/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
