package io.isocore.core.admission;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How far each tenant's admitted cores are from its ticket share, over the last {@code n}
 * admissions for a few window sizes.
 *
 * <p>The reference is the fluid one that stride scheduling approximates: at each admission of
 * {@code c} cores, every tenant with pending pods (the admitted one included) is owed {@code c x
 * tickets / total tickets of those tenants}. A tenant's error over a window is the cores it was
 * admitted in the window minus what it was owed in it: positive when it got ahead, negative when it
 * fell behind. Over any window the errors of all tenants sum to zero. Stride scheduling keeps each
 * error within about one pod's cores; a lottery's error grows with the square root of the window.
 *
 * <p>Admissions are counted as decided: a placement that is rolled back afterwards (its binding
 * failed) stays in the windows, as it did move the pass. Memory is bounded by the largest window
 * times the number of tenants active at once. Not thread-safe, like the queue that feeds it.
 */
public final class ShareErrorWindows {
  /** The window sizes, in admissions, that the operator exports. */
  public static final List<Integer> DEFAULT_WINDOWS = List.of(10, 100, 1_000);

  /** One admission: who got how many cores, and what each active tenant was owed of them. */
  private record Entry(String tenant, int cores, Map<String, Double> owed) {}

  private final List<Integer> windows;
  private final int largest;
  private final Entry[] ring;
  private long admissions;
  private final List<Map<String, double[]>> sums;

  /** Tracks {@link #DEFAULT_WINDOWS}. */
  public ShareErrorWindows() {
    this(DEFAULT_WINDOWS);
  }

  /**
   * @param windows window sizes in admissions, each between 1 and 100,000
   */
  public ShareErrorWindows(List<Integer> windows) {
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("at least one window size is needed");
    }
    for (int size : windows) {
      if (size < 1 || size > 100_000) {
        throw new IllegalArgumentException(
            "window size must be between 1 and 100000 admissions, got " + size);
      }
    }
    this.windows = List.copyOf(windows);
    this.largest = Collections.max(windows);
    this.ring = new Entry[largest + 1];
    this.sums =
        windows.stream().map(w -> (Map<String, double[]>) new HashMap<String, double[]>()).toList();
  }

  /**
   * Records one admission.
   *
   * @param tenant the tenant admitted
   * @param cores the cores it was admitted
   * @param activeTickets effective tickets of every tenant with pending pods at that moment, the
   *     admitted one included; tenants with 0 tickets are owed nothing
   */
  public void admitted(String tenant, int cores, Map<String, Long> activeTickets) {
    long total = 0;
    for (long tickets : activeTickets.values()) {
      total += Math.max(0, tickets);
    }
    Map<String, Double> owed = new LinkedHashMap<>();
    if (total > 0) {
      for (Map.Entry<String, Long> e : activeTickets.entrySet()) {
        if (e.getValue() > 0) {
          owed.put(e.getKey(), (double) cores * e.getValue() / total);
        }
      }
    }
    Entry entry = new Entry(tenant, cores, Map.copyOf(owed));
    ring[(int) (admissions % ring.length)] = entry;
    admissions++;
    for (int i = 0; i < windows.size(); i++) {
      add(sums.get(i), entry, +1);
      int size = windows.get(i);
      if (admissions > size) {
        // the admission that just left this window: size + 1 back from the newest
        add(sums.get(i), ring[(int) ((admissions - 1 - size) % ring.length)], -1);
      }
    }
  }

  private static void add(Map<String, double[]> sums, Entry entry, int sign) {
    sums.computeIfAbsent(entry.tenant(), t -> new double[1])[0] += sign * entry.cores();
    for (Map.Entry<String, Double> owed : entry.owed().entrySet()) {
      sums.computeIfAbsent(owed.getKey(), t -> new double[1])[0] -= sign * owed.getValue();
    }
    sums.values().removeIf(v -> Math.abs(v[0]) < 1e-9 && sign < 0);
  }

  /**
   * Returns each tenant's error in cores per window size: admitted minus owed over the last {@code
   * window} admissions (fewer while fewer have happened). Tenants seen in no window are absent.
   */
  public SortedMap<String, Map<Integer, Double>> errors() {
    SortedMap<String, Map<Integer, Double>> result = new TreeMap<>();
    for (int i = 0; i < windows.size(); i++) {
      for (Map.Entry<String, double[]> e : sums.get(i).entrySet()) {
        result
            .computeIfAbsent(e.getKey(), t -> new TreeMap<>())
            .put(windows.get(i), e.getValue()[0]);
      }
    }
    for (Map<Integer, Double> perWindow : result.values()) {
      for (int size : windows) {
        perWindow.putIfAbsent(size, 0.0);
      }
    }
    return result;
  }

  /** Returns the window sizes tracked, in the order given. */
  public List<Integer> windows() {
    return windows;
  }
}
