package io.isocore.core.noise;

import java.util.List;
import java.util.Map;

/**
 * One parse of {@code /proc/interrupts} or {@code /proc/softirqs}: per row, a counter per CPU.
 *
 * @param rows the rows in file order
 */
public record CounterTable(List<Row> rows) {

  /** An empty table (the file could not be read). */
  public static final CounterTable EMPTY = new CounterTable(List.of());

  /** Copies the rows. */
  public CounterTable {
    rows = List.copyOf(rows);
  }

  /**
   * One row.
   *
   * @param name the source name: {@code LOC}, {@code TIMER}, or for a device IRQ its number and
   *     driver action ({@code 36:virtio1-req.0})
   * @param device whether this is a numbered (device) IRQ line
   * @param description the row's free text ({@code Local timer interrupts}), empty when none
   * @param perCpu the counter per CPU id
   */
  public record Row(String name, boolean device, String description, Map<Integer, Long> perCpu) {

    /** Copies the counters. */
    public Row {
      perCpu = Map.copyOf(perCpu);
    }

    /** The counter on {@code cpu}, 0 when the CPU has no column. */
    public long on(int cpu) {
      return perCpu.getOrDefault(cpu, 0L);
    }
  }
}
