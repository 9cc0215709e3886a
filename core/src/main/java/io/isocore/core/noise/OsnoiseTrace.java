package io.isocore.core.noise;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the osnoise tracer's output from tracefs ({@code trace}): the per-CPU summary lines
 * ({@code RUNTIME NOISE %AVAIL MAX-SINGLE HW NMI IRQ SIRQ THREAD}) and, where the {@code osnoise:*}
 * events are enabled, the per-event lines ({@code irq_noise: local_timer:236 start T duration 1845
 * ns}) that give each source's exact time. Comment lines ({@code #}) are skipped; a line that names
 * a CPU but cannot be read fails with its number.
 */
public final class OsnoiseTrace {

  private OsnoiseTrace() {}

  /**
   * One CPU's osnoise figures over the trace.
   *
   * @param cpu the CPU id
   * @param noiseNanos total noise from the summary lines
   * @param classCounts interference counts by class from the summary lines ({@code hw}, {@code
   *     nmi}, {@code irq}, {@code softirq}, {@code thread})
   * @param sources exact time and count per source from the event lines, keyed by {@link SourceKey}
   */
  public record CpuNoise(
      int cpu, long noiseNanos, Map<String, Long> classCounts, Map<SourceKey, Exact> sources) {}

  /**
   * A source named by kind and name.
   *
   * @param kind its kind
   * @param name its name, in {@code /proc} terms where one exists ({@code LOC} for {@code
   *     local_timer})
   */
  public record SourceKey(SourceKind kind, String name) {}

  /**
   * Exact figures for one source.
   *
   * @param events how many times it interrupted
   * @param nanos how long in total
   */
  public record Exact(long events, long nanos) {}

  private static final List<String> CLASSES = List.of("hw", "nmi", "irq", "softirq", "thread");

  /** Parses the tracer output; {@code file} names it in errors. */
  public static Map<Integer, CpuNoise> parse(String file, String text) {
    List<String> lines = NoiseLimits.lines(file, text);
    Map<Integer, Long> noise = new HashMap<>();
    Map<Integer, Map<String, Long>> classes = new HashMap<>();
    Map<Integer, Map<SourceKey, Exact>> sources = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int open = line.indexOf('[');
      int close = line.indexOf(']', open + 1);
      if (line.stripLeading().startsWith("#") || open < 0 || close < 0) {
        continue;
      }
      int cpu = NoiseLimits.cpu(file, i + 1, line.substring(open + 1, close).strip());
      int colon = line.indexOf(": ", close);
      if (colon < 0) {
        throw new NoiseParseException(file, i + 1, "expected 'TIMESTAMP: ...' after the CPU");
      }
      String rest = line.substring(colon + 2).strip();
      if (rest.contains("_noise:")) {
        event(file, i + 1, rest, sources.computeIfAbsent(cpu, c -> new LinkedHashMap<>()));
      } else if (rest.split("\\s+").length == 9 && Character.isDigit(rest.charAt(0))) {
        String[] t = rest.split("\\s+");
        noise.merge(cpu, NoiseLimits.counter(file, i + 1, t[1]) * 1000, Long::sum);
        Map<String, Long> counts = classes.computeIfAbsent(cpu, c -> new LinkedHashMap<>());
        for (int k = 0; k < CLASSES.size(); k++) {
          counts.merge(CLASSES.get(k), NoiseLimits.counter(file, i + 1, t[4 + k]), Long::sum);
        }
      }
    }
    Map<Integer, CpuNoise> out = new HashMap<>();
    for (int cpu : union(noise.keySet(), sources.keySet())) {
      out.put(
          cpu,
          new CpuNoise(
              cpu,
              noise.getOrDefault(cpu, 0L),
              Map.copyOf(classes.getOrDefault(cpu, Map.of())),
              Map.copyOf(sources.getOrDefault(cpu, Map.of()))));
    }
    return Map.copyOf(out);
  }

  private static void event(String file, int line, String rest, Map<SourceKey, Exact> into) {
    int kindEnd = rest.indexOf("_noise:");
    String type = rest.substring(0, kindEnd);
    String body = rest.substring(kindEnd + "_noise:".length()).strip();
    int start = body.indexOf("start ");
    int duration = body.indexOf("duration ");
    if (start < 0 || duration < 0) {
      throw new NoiseParseException(file, line, "expected 'NAME start T duration N ns'");
    }
    String raw = body.substring(0, start).strip();
    long nanos = NoiseLimits.counter(file, line, body.substring(duration + 9).split("\\s+")[0]);
    SourceKey key =
        switch (type) {
          case "irq" -> new SourceKey(SourceKind.IRQ, irqName(raw));
          case "softirq" -> new SourceKey(SourceKind.SOFTIRQ, beforeLast(raw, ':'));
          case "thread" -> new SourceKey(SourceKind.THREAD, NoiseLimits.name(beforeLast(raw, '-')));
          default -> new SourceKey(SourceKind.HARDWARE, type.toUpperCase(java.util.Locale.ROOT));
        };
    into.merge(key, new Exact(1, nanos), (a, b) -> new Exact(a.events() + 1, a.nanos() + nanos));
  }

  /**
   * {@code local_timer:236} becomes {@code LOC}; a device IRQ {@code virtio3-tx:42} becomes {@code
   * 42:virtio3-tx}, as {@link ProcCounterTables} names it.
   */
  static String irqName(String raw) {
    String name = beforeLast(raw, ':');
    String vector = raw.length() > name.length() ? raw.substring(name.length() + 1) : "";
    return switch (name) {
      case "local_timer" -> "LOC";
      case "reschedule" -> "RES";
      case "call_function", "call_function_single" -> "CAL";
      case "irq_work" -> "IWI";
      case "thermal" -> "TRM";
      default -> NoiseLimits.name(vector.isEmpty() ? name : vector + ":" + name);
    };
  }

  private static String beforeLast(String s, char c) {
    int at = s.lastIndexOf(c);
    return at > 0 ? s.substring(0, at) : s;
  }

  private static java.util.SortedSet<Integer> union(
      java.util.Set<Integer> a, java.util.Set<Integer> b) {
    java.util.SortedSet<Integer> s = new java.util.TreeSet<>(a);
    s.addAll(b);
    return s;
  }
}
