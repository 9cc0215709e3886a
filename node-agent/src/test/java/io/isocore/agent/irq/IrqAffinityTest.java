package io.isocore.agent.irq;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.core.cpu.CpuSet;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IRQ steering on a fixture /proc: IRQ 26 is managed and answers EIO like the kernel. */
class IrqAffinityTest {

  @TempDir Path root;

  private static final int MANAGED = 26;

  private static final String BOOT = "5b3f0c2e-1d7a-4e8b-9c61-0a2b3c4d5e6f";

  private final AffinityWriter kernel =
      (file, value) -> {
        if (file.toString().contains("/irq/" + MANAGED + "/")) {
          throw new FileSystemException(file.toString(), null, "Input/output error");
        }
        AffinityWriter.FILES.write(file, value);
      };

  @BeforeEach
  void irqs() throws Exception {
    irq(0, "0");
    irq(24, "0-7");
    irq(25, "4");
    irq(MANAGED, "5");
    irq(27, "1");
    Files.createDirectories(root.resolve("proc/irq/default_smp_affinity").getParent());
    Files.writeString(root.resolve("proc/irq/default_smp_affinity"), "ff\n");
    Files.createDirectories(root.resolve("proc/sys/kernel/random"));
    Files.writeString(root.resolve("proc/sys/kernel/random/boot_id"), BOOT + "\n");
  }

  private void irq(int n, String list) throws Exception {
    Path f = root.resolve("proc/irq/" + n + "/smp_affinity_list");
    Files.createDirectories(f.getParent());
    Files.writeString(f, list + "\n");
  }

  private String affinity(int n) throws Exception {
    return Files.readString(root.resolve("proc/irq/" + n + "/smp_affinity_list")).strip();
  }

  @Test
  void movesMovableIrqsOffExclusiveCpusReportsManagedOnesAndRestoresOnRelease() throws Exception {
    IrqAffinity irq = new IrqAffinity(root, Optional.empty(), kernel);

    IrqSteering steer = irq.steer(CpuSet.parse("4-5"), CpuSet.parse("0-3"));

    assertThat(affinity(24)).isEqualTo("0-3,6-7");
    assertThat(affinity(25)).isEqualTo("0-3");
    assertThat(affinity(MANAGED)).isEqualTo("5");
    assertThat(affinity(0)).isEqualTo("0");
    assertThat(affinity(27)).isEqualTo("1");
    assertThat(steer.moved()).extracting(IrqSteering.Move::irq).containsExactly(24, 25);
    assertThat(steer.unmovable())
        .containsExactly(
            new IrqSteering.Unmovable(
                MANAGED,
                CpuSet.of(5),
                "the kernel refused the move (EIO): a managed IRQ whose affinity the kernel owns"));
    assertThat(steer.warnings()).isEmpty();
    assertThat(irq.originals()).isEqualTo(Map.of(24, CpuSet.parse("0-7"), 25, CpuSet.of(4)));

    IrqSteering again = irq.steer(CpuSet.parse("4-5"), CpuSet.parse("0-3"));
    assertThat(again.moved()).isEmpty();

    IrqSteering release = irq.steer(CpuSet.empty(), CpuSet.parse("0-7"));

    assertThat(affinity(24)).isEqualTo("0-7");
    assertThat(affinity(25)).isEqualTo("4");
    assertThat(release.restored()).extracting(IrqSteering.Move::irq).containsExactly(24, 25);
    assertThat(irq.originals()).isEmpty();
  }

  @Test
  void aRestartedAgentStillRestoresFromTheStateFile() throws Exception {
    Path state = root.resolve("var/lib/isocore/irq-affinity");
    new IrqAffinity(root, Optional.of(state), kernel)
        .steer(CpuSet.parse("4-5"), CpuSet.parse("0-3"));
    assertThat(Files.readString(state))
        .isEqualTo("isocore-irq-state v2\nboot-id " + BOOT + "\n24 0-7 0-3,6-7\n25 4 0-3\n");

    IrqAffinity restarted = new IrqAffinity(root, Optional.of(state), kernel);
    IrqSteering adopt = restarted.steer(CpuSet.parse("4-5"), CpuSet.parse("0-3"));
    assertThat(adopt.moved()).isEmpty();

    restarted.steer(CpuSet.empty(), CpuSet.parse("0-7"));
    assertThat(affinity(24)).isEqualTo("0-7");
    assertThat(affinity(25)).isEqualTo("4");
    assertThat(Files.readString(state)).isEqualTo("isocore-irq-state v2\nboot-id " + BOOT + "\n");
  }

  @Test
  void warnsWhenIrqbalanceRuns() throws Exception {
    Path comm = root.resolve("proc/812/comm");
    Files.createDirectories(comm.getParent());
    Files.writeString(comm, "irqbalance\n");

    IrqSteering steer =
        new IrqAffinity(root, Optional.empty(), kernel).steer(CpuSet.of(4), CpuSet.parse("0-3"));

    assertThat(steer.warnings())
        .containsExactly(
            "irqbalance is running and may move IRQs back onto exclusive CPUs; ban them with"
                + " IRQBALANCE_BANNED_CPULIST=4 or stop irqbalance on isocore nodes");
  }
}
