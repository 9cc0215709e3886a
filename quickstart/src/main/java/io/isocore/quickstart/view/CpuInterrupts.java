package io.isocore.quickstart.view;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.telemetry.CpuCounter;
import io.isocore.core.telemetry.ProcCpuTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Interrupts delivered to a set of CPUs, from /proc/interrupts. */
public final class CpuInterrupts {

  private CpuInterrupts() {}

  /** Returns the interrupts of every type delivered so far to the CPUs of {@code cpus}. */
  public static long total(Path proc, CpuSet cpus) {
    try {
      return ProcCpuTable.parseInterrupts(Files.readString(proc.resolve("interrupts"))).stream()
          .filter(c -> cpus.contains(c.cpu()))
          .mapToLong(CpuCounter::value)
          .sum();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
