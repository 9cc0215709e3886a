package io.isocore.agent.irq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.agent.host.HostRoot;
import io.isocore.core.cpu.CpuSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IRQ state file on a fixture /proc: saved before the kernel is written, set aside (never
 * deleted) when corrupt or of another boot, and restores only what isocore moved and nobody changed
 * since.
 */
class IrqStateSafetyTest {

  private static final String BOOT = "5b3f0c2e-1d7a-4e8b-9c61-0a2b3c4d5e6f";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T20:00:00Z"), ZoneOffset.UTC);

  @TempDir Path root;
  private Path state;
  private final List<String> writes = new ArrayList<>();
  private final AffinityWriter kernel =
      (file, value) -> {
        writes.add(root.relativize(file) + "=" + value);
        AffinityWriter.FILES.write(file, value);
      };

  @BeforeEach
  void proc() throws Exception {
    irq(24, "0-7");
    irq(25, "4");
    irq(27, "1");
    Files.createDirectories(root.resolve("proc/sys/kernel/random"));
    Files.writeString(root.resolve("proc/sys/kernel/random/boot_id"), BOOT + "\n");
    state = root.resolve("var/lib/isocore/irq-affinity");
  }

  private void irq(int n, String list) throws Exception {
    Path f = root.resolve("proc/irq/" + n + "/smp_affinity_list");
    Files.createDirectories(f.getParent());
    Files.writeString(f, list + "\n");
  }

  private String affinity(int n) throws Exception {
    return Files.readString(root.resolve("proc/irq/" + n + "/smp_affinity_list")).strip();
  }

  private IrqAffinity agent(AffinityWriter writer) throws Exception {
    return new IrqAffinity(new HostRoot(root), Optional.of(state), writer, CLOCK);
  }

  @Test
  void theOriginalIsOnDiskBeforeTheFirstKernelWriteAndACrashThereLosesNothing() throws Exception {
    List<String> stateAtFirstWrite = new ArrayList<>();
    AffinityWriter crashing =
        (file, value) -> {
          stateAtFirstWrite.add(Files.readString(state));
          throw new IllegalStateException("agent killed before the write");
        };

    assertThatThrownBy(() -> agent(crashing).steer(CpuSet.parse("4-5"), CpuSet.parse("0-3")))
        .hasMessageContaining("killed");

    assertThat(stateAtFirstWrite)
        .containsExactly(
            "isocore-irq-state v2\nboot-id " + BOOT + "\n24 0-7 0-3,6-7 0-7\n25 4 0-3 4\n");
    assertThat(affinity(24)).isEqualTo("0-7");
    // The restarted agent: the write never happened, nothing is lost, steering goes on.
    IrqAffinity restarted = agent(kernel);
    assertThat(restarted.setAside()).isEmpty();
    restarted.steer(CpuSet.parse("4-5"), CpuSet.parse("0-3"));
    assertThat(affinity(24)).isEqualTo("0-3,6-7");
    assertThat(affinity(25)).isEqualTo("0-3");
    restarted.restore();
    assertThat(affinity(24)).isEqualTo("0-7");
    assertThat(affinity(25)).isEqualTo("4");
  }

  @Test
  void aCrashRightAfterTheKernelWriteStillRestoresTheOriginal() throws Exception {
    AffinityWriter writeThenCrash =
        (file, value) -> {
          AffinityWriter.FILES.write(file, value);
          throw new IllegalStateException("agent killed after the write");
        };

    assertThatThrownBy(() -> agent(writeThenCrash).steer(CpuSet.parse("4-5"), CpuSet.parse("0-3")))
        .hasMessageContaining("killed");
    assertThat(affinity(24)).isEqualTo("0-3,6-7");

    IrqSteering restore = agent(kernel).restore();

    assertThat(affinity(24)).isEqualTo("0-7");
    assertThat(restore.restored()).extracting(IrqSteering.Move::irq).containsExactly(24);
    assertThat(restore.warnings()).isEmpty();
  }

  @Test
  void aCorruptStateFileIsSetAsideNotDeletedAndTheAgentGoesOn() throws Exception {
    Files.createDirectories(state.getParent());
    Files.writeString(state, "isocore-irq-state v2\nboot-id " + BOOT + "\n24 0-7 zz\n");

    IrqAffinity irq = agent(kernel);

    Path aside = state.resolveSibling("irq-affinity.corrupt-20261201T200000Z");
    assertThat(irq.setAside())
        .hasValueSatisfying(
            s -> {
              assertThat(s.movedTo()).isEqualTo(aside);
              assertThat(s.reason()).contains(state.toString()).contains("line 3");
              assertThat(s.message()).contains("set aside as irq-affinity.corrupt-");
            });
    assertThat(Files.readString(aside)).contains("24 0-7 zz");
    assertThat(state).doesNotExist();
    irq.steer(CpuSet.parse("4-5"), CpuSet.parse("0-3"));
    assertThat(affinity(25)).isEqualTo("0-3");
    assertThat(Files.readString(state)).contains("boot-id " + BOOT).contains("25 4 0-3");
  }

  @Test
  void aSecondCorruptFileGetsItsOwnNameAndBinaryGarbageIsCorruptToo() throws Exception {
    Files.createDirectories(state.getParent());
    Files.write(state, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    assertThat(agent(kernel).setAside()).isPresent();
    Files.writeString(state, "24 0-7\n"); // an older agent's format: no boot id

    IrqStateFile.SetAside second = agent(kernel).setAside().orElseThrow();

    assertThat(second.movedTo().getFileName().toString())
        .isEqualTo("irq-affinity.corrupt-20261201T200000Z-1");
    assertThat(second.reason()).contains("line 1").contains("older agent");
    try (Stream<Path> files = Files.list(state.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "irq-affinity.corrupt-20261201T200000Z", "irq-affinity.corrupt-20261201T200000Z-1");
    }
  }

  @Test
  void aStateFileOfAnotherBootIsSetAsideAndItsNumbersAreNeverUsed() throws Exception {
    Files.createDirectories(state.getParent());
    Files.writeString(state, "isocore-irq-state v2\nboot-id 0000-old-boot\n27 0-7 1\n");

    IrqAffinity irq = agent(kernel);

    assertThat(irq.setAside().orElseThrow().movedTo().getFileName().toString())
        .isEqualTo("irq-affinity.foreign-boot-20261201T200000Z");
    assertThat(irq.setAside().orElseThrow().reason())
        .contains("boot 0000-old-boot")
        .contains("this is boot " + BOOT);
    assertThat(irq.originals()).isEmpty();
    irq.restore();
    assertThat(affinity(27)).isEqualTo("1");
    assertThat(writes).isEmpty();
  }

  @Test
  void restoreGivesBackOnlyWhatIsocoreMovedAndLeavesWhatSomeoneElseChanged() throws Exception {
    IrqAffinity irq = agent(kernel);
    irq.steer(CpuSet.parse("4-5"), CpuSet.parse("0-3"));
    irq(24, "2"); // an administrator pins IRQ 24 by hand
    writes.clear();

    IrqSteering restore = irq.restore();

    assertThat(affinity(24)).isEqualTo("2");
    assertThat(affinity(25)).isEqualTo("4");
    assertThat(writes).containsExactly("proc/irq/25/smp_affinity_list=4");
    assertThat(restore.warnings())
        .containsExactly(
            "IRQ 24 is on 2, not on 0-3,6-7 where isocore put it: someone else changed it since,"
                + " so isocore leaves it there (its original was 0-7)");
    assertThat(irq.originals()).isEmpty();

    writes.clear();
    assertThat(irq.restore().restored()).isEmpty();
    assertThat(agent(kernel).restore().restored()).isEmpty();
    assertThat(writes).isEmpty();
  }

  @Test
  void releasingAnAllocationRestoresOnlyItsIrqsAndOnlyIfStillIsocores() throws Exception {
    IrqAffinity irq = agent(kernel);
    irq.steer(CpuSet.parse("4-5"), CpuSet.parse("0-3"));
    irq(25, "6"); // someone moved IRQ 25 meanwhile
    writes.clear();

    IrqSteering release = irq.steer(CpuSet.of(5), CpuSet.parse("0-3"));

    assertThat(affinity(24)).isEqualTo("0-4,6-7");
    assertThat(affinity(25)).isEqualTo("6");
    assertThat(release.warnings()).singleElement().asString().startsWith("IRQ 25 is on 6");
    assertThat(irq.originals()).containsOnlyKeys(24);
    assertThat(Files.readString(state)).endsWith("\n24 0-7 0-4,6-7\n");
  }

  @Test
  void aSteadyNodeRewritesNeitherTheKernelNorTheStateFile() throws Exception {
    IrqAffinity irq = agent(kernel);
    irq.steer(CpuSet.parse("4-5"), CpuSet.parse("0-3"));
    long modified = Files.getLastModifiedTime(state).toMillis();
    Files.setLastModifiedTime(state, java.nio.file.attribute.FileTime.fromMillis(modified - 5000));
    writes.clear();

    irq.steer(CpuSet.parse("4-5"), CpuSet.parse("0-3"));

    assertThat(writes).isEmpty();
    assertThat(Files.getLastModifiedTime(state).toMillis()).isEqualTo(modified - 5000);
  }
}
