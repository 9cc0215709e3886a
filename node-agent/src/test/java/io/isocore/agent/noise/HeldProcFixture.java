package io.isocore.agent.noise;

import io.isocore.agent.telemetry.testing.FakeProcTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fixture {@code /proc} of eight CPUs for the held-CPU noise loop: {@code /proc/interrupts} with
 * a NIC queue IRQ ({@code 45:eth0-rx-3}), {@code LOC} and {@code RES}, {@code /proc/softirqs}, and
 * one owner thread (tid 301 of pid 300, in {@link FakeProcTree}'s container) on CPU 4.
 */
final class HeldProcFixture {

  static final int CPUS = 8;

  private final Path root;

  HeldProcFixture(Path root) {
    this.root = root;
  }

  /** Writes the counters: on CPU 4 {@code eth} NIC interrupts and {@code loc} timer ticks. */
  HeldProcFixture interrupts(long eth, long loc) {
    StringBuilder header = new StringBuilder("      ");
    StringBuilder irq45 = new StringBuilder("  45:");
    StringBuilder locRow = new StringBuilder(" LOC:");
    StringBuilder res = new StringBuilder(" RES:");
    StringBuilder soft = new StringBuilder("              ");
    StringBuilder timer = new StringBuilder("       TIMER:");
    for (int cpu = 0; cpu < CPUS; cpu++) {
      header.append(String.format("%11s", "CPU" + cpu));
      irq45.append(String.format(" %10d", cpu == 4 ? eth : 0));
      locRow.append(String.format(" %10d", cpu == 4 ? loc : 1000));
      res.append(String.format(" %10d", 3));
      soft.append(String.format("%11s", "CPU" + cpu));
      timer.append(String.format(" %10d", 50));
    }
    write(
        "proc/interrupts",
        header
            + "\n"
            + irq45
            + "  IR-PCI-MSI 524288-edge      eth0-rx-3\n"
            + locRow
            + "   Local timer interrupts\n"
            + res
            + "   Rescheduling interrupts\n");
    write("proc/softirqs", soft + "\n" + timer + "\n");
    return this;
  }

  /** The owner thread on CPU 4 with these totals. */
  HeldProcFixture owner(long involuntary, long waitNanos) {
    new FakeProcTree(root)
        .containerThread(300, 301, 777, 10, involuntary, 0, 0, waitNanos, 0, 0, 4);
    return this;
  }

  private void write(String relative, String text) {
    try {
      Path p = root.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
