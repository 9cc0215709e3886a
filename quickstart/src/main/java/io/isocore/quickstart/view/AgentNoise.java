package io.isocore.quickstart.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's noise attribution during a run, as the report's noise windows (docs/report.md, {@code
 * noise[]}): the differences of {@code isocore_cpu_noise_seconds_total} and {@code
 * isocore_cpu_noise_events_total} {cpu, source} between two samples of the agent's {@code /metrics}
 * in which they changed. The agent adds one attribution window at a time ({@code
 * isocore.noise.window}, 10 s by default), so with samples a few seconds apart each difference is
 * one agent window. When it closed is known to a sample period only, so every window gets the same
 * length, the mean time between changes (the agent's window), and ends at the sample that saw it.
 * The first change only sets the start: the window it closes began before the first sample. Not
 * thread-safe; {@link AgentNoiseScraper} serialises.
 */
public final class AgentNoise {

  /**
   * One source in one window.
   *
   * @param name the agent's {@code source} label ("LOC", "TIMER", "36:virtio1-req.0", "other")
   * @param kind irq, softirq, steal or other, from the name (the metric has no kind label)
   * @param events interruptions counted in the window
   * @param seconds noise time attributed in the window (the correlation's estimate)
   */
  public record Source(String name, String kind, long events, double seconds) {}

  /**
   * One CPU's sources in one window.
   *
   * @param cpu the CPU
   * @param sources its sources with events or time in the window, most time first
   */
  public record Cpu(int cpu, List<Source> sources) {}

  /**
   * One window, the report's {@code noise[]} entry.
   *
   * @param atSeconds when it started, seconds from the first sample
   * @param windowSeconds its length
   * @param cpus every CPU with noise in it
   */
  public record Window(double atSeconds, double windowSeconds, List<Cpu> cpus) {}

  private record Key(int cpu, String source) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      return cpu != o.cpu ? Integer.compare(cpu, o.cpu) : source.compareTo(o.source);
    }
  }

  private record Totals(double seconds, double events) {}

  private static final Pattern SAMPLE =
      Pattern.compile(
          "(?m)^isocore_cpu_noise_(seconds|events)_total\\{([^}]*)}\\s+(\\S+)(?:\\s+\\d+)?$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Set<String> SOFTIRQS =
      Set.of(
          "HI",
          "TIMER",
          "NET_TX",
          "NET_RX",
          "BLOCK",
          "IRQ_POLL",
          "TASKLET",
          "SCHED",
          "HRTIMER",
          "RCU");

  /** One closed window: its sources by CPU and the time of the sample that saw it. */
  private record Closed(List<Cpu> cpus, long endNanos) {}

  private final List<Closed> closed = new ArrayList<>();
  private Map<Key, Totals> last;
  private boolean started;
  private long firstNanos = -1;
  private long startNanos;

  /**
   * Takes one sample of the agent's metrics text at {@code nanos} (a monotonic clock); closes a
   * window when the counters changed since the last change.
   */
  public void sample(String metrics, long nanos) {
    if (firstNanos < 0) {
      firstNanos = nanos;
    }
    Map<Key, Totals> now = parse(metrics);
    if (now.isEmpty() || now.equals(last)) {
      return;
    }
    if (last == null) {
      last = now; // the baseline: whatever the agent counted before the run
      return;
    }
    if (started) {
      closed.add(new Closed(difference(last, now), nanos));
    } else {
      started = true;
      startNanos = nanos;
    }
    last = now;
  }

  /** The windows closed so far, each as long as the mean time between changes. */
  public List<Window> windows() {
    if (closed.isEmpty()) {
      return List.of();
    }
    double length = (closed.getLast().endNanos() - startNanos) / 1e9 / closed.size();
    List<Window> windows = new ArrayList<>();
    for (Closed c : closed) {
      if (!c.cpus().isEmpty()) {
        double end = (c.endNanos() - firstNanos) / 1e9;
        windows.add(new Window(Math.max(0, end - length), length, c.cpus()));
      }
    }
    return windows;
  }

  private static List<Cpu> difference(Map<Key, Totals> before, Map<Key, Totals> after) {
    Map<Integer, List<Source>> byCpu = new TreeMap<>();
    for (var e : after.entrySet()) {
      Totals was = before.getOrDefault(e.getKey(), new Totals(0, 0));
      Totals is = e.getValue();
      // A counter that went down: the agent restarted, its counters started again from zero.
      double seconds = is.seconds() >= was.seconds() ? is.seconds() - was.seconds() : is.seconds();
      double events = is.events() >= was.events() ? is.events() - was.events() : is.events();
      if (seconds > 0 || events > 0) {
        String name = e.getKey().source();
        byCpu
            .computeIfAbsent(e.getKey().cpu(), c -> new ArrayList<>())
            .add(new Source(name, kind(name), Math.round(events), seconds));
      }
    }
    List<Cpu> cpus = new ArrayList<>();
    byCpu.forEach(
        (cpu, sources) -> {
          sources.sort((x, y) -> Double.compare(y.seconds(), x.seconds()));
          cpus.add(new Cpu(cpu, List.copyOf(sources)));
        });
    return cpus;
  }

  /** The two counters per {cpu, source} in a Prometheus text exposition. */
  static Map<Key, Totals> parse(String metrics) {
    Map<Key, Totals> totals = new TreeMap<>();
    Matcher m = SAMPLE.matcher(metrics);
    while (m.find()) {
      String cpu = null;
      String source = null;
      Matcher label = LABEL.matcher(m.group(2));
      while (label.find()) {
        switch (label.group(1)) {
          case "cpu" -> cpu = label.group(2);
          case "source" -> source = label.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
          default -> {}
        }
      }
      double value;
      try {
        value = Double.parseDouble(m.group(3));
      } catch (NumberFormatException e) {
        continue;
      }
      if (cpu == null || source == null || !cpu.matches("\\d{1,5}")) {
        continue;
      }
      Key key = new Key(Integer.parseInt(cpu), source);
      Totals t = totals.getOrDefault(key, new Totals(0, 0));
      totals.put(
          key,
          m.group(1).equals("seconds")
              ? new Totals(value, t.events())
              : new Totals(t.seconds(), value));
    }
    return totals;
  }

  /**
   * The kind of an agent source label: its window reads only /proc/interrupts, /proc/softirqs and
   * /proc/stat, so a label is a softirq class, {@code steal}, {@code other} or an interrupt line.
   */
  static String kind(String source) {
    if (SOFTIRQS.contains(source)) {
      return "softirq";
    }
    return switch (source) {
      case "steal" -> "steal";
      case "other" -> "other";
      default -> "irq";
    };
  }
}
