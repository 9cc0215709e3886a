package io.isocore.agent.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.testing.FixtureSysfs;
import io.isocore.core.audit.EnvironmentState;
import io.isocore.core.audit.IrqState;
import io.isocore.core.audit.IsolationState;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.node.CgroupLayout;
import io.isocore.core.node.Degradation;
import io.isocore.core.node.Nic;
import io.isocore.core.node.NodeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Isolation, IRQs, environment, cgroup layout and NICs read from a generated tree. */
class NodeReadersTest {

  @TempDir Path root;

  @BeforeEach
  void machine() {
    FixtureSysfs.machine()
        .coresPerNuma(4)
        .threadsPerCore(1)
        .isolated(CpuSet.parse("2-3"))
        .write(root);
  }

  private void put(String file, String text) throws IOException {
    FixtureSysfs.put(root.resolve(file), text);
  }

  @Test
  void readsIrqAffinitiesEffectiveAffinitiesAndManagedIrqs() throws IOException {
    put("proc/cmdline", "ro isolcpus=nohz,domain,2-3 nohz_full=2-3 rcu_nocbs=2-3 irqaffinity=0-1");
    put("proc/irq/default_smp_affinity", "3");
    put("proc/irq/24/smp_affinity_list", "0-3");
    put("proc/irq/24/effective_affinity_list", "2");
    put("sys/kernel/irq/24/actions", "nvme0q1");
    put(
        "sys/kernel/debug/irq/irqs/24",
        "handler:  handle_edge_irq\nflags:    0x4\n           IRQD_AFFINITY_MANAGED\n");
    put("proc/irq/25/smp_affinity", "f");
    put("proc/irq/25/effective_affinity", "00000001");
    put("sys/kernel/debug/irq/irqs/25", "flags: 0x0\n");
    put("proc/irq/26/smp_affinity_list", "1");
    Files.createDirectories(root.resolve("proc/irq/notanirq"));
    IsolationState s = new NodeReader(root).read().isolation();
    assertThat(s.isolated()).isEqualTo(CpuSet.parse("2-3"));
    assertThat(s.nohzFull()).isEqualTo(CpuSet.parse("2-3"));
    assertThat(s.cmdline().isolcpusFlags()).containsExactly("nohz", "domain");
    assertThat(s.cmdline().irqAffinity()).contains(CpuSet.parse("0-1"));
    assertThat(s.defaultIrqAffinity()).contains(CpuSet.parse("0-1"));
    assertThat(s.irqs())
        .containsExactly(
            new IrqState(24, "nvme0q1", CpuSet.range(0, 3), CpuSet.of(2), true),
            new IrqState(25, "", CpuSet.range(0, 3), CpuSet.of(0), false),
            new IrqState(26, "", CpuSet.of(1), CpuSet.of(1), false));
    assertThat(s.managedIrqs()).containsExactly(24);
  }

  @Test
  void nohzFullOfNullMeansNone() throws IOException {
    put("sys/devices/system/cpu/nohz_full", "              (null)");
    NodeSnapshot s = new NodeReader(root).read();
    assertThat(s.isolation().nohzFull()).isEqualTo(CpuSet.empty());
    assertThat(s.degradations()).isEmpty();
  }

  @Test
  void readsTheEnvironment() throws IOException {
    put("proc/sys/kernel/sched_rt_runtime_us", "950000");
    put("proc/sys/kernel/sched_rt_period_us", "1000000");
    put("proc/sys/kernel/osrelease", "6.8.0-test");
    put("boot/config-6.8.0-test", "CONFIG_NO_HZ_FULL=y\nCONFIG_HZ_1000=y\nCONFIG_HZ=1000\n");
    put("sys/kernel/mm/transparent_hugepage/enabled", "always madvise [never]");
    for (int cpu = 0; cpu < 4; cpu++) {
      put(
          "sys/devices/system/cpu/cpu" + cpu + "/cpufreq/scaling_governor",
          cpu < 2 ? "powersave" : "performance");
    }
    put("sys/devices/system/cpu/cpu0/cpuidle/state0/name", "POLL");
    put("sys/devices/system/cpu/cpu0/cpuidle/state1/name", "C1");
    put("sys/devices/system/cpu/cpu0/cpuidle/state10/name", "C10");
    put("sys/devices/system/cpu/cpu0/cpuidle/state2/name", "C6");
    put("proc/1/comm", "systemd");
    put("proc/812/comm", "irqbalance");
    put(
        "var/lib/kubelet/cpu_manager_state",
        "{\"policyName\":\"static\",\"defaultCpuSet\":\"0-1\"}");
    EnvironmentState e = new NodeReader(root).read().environment();
    assertThat(e.rtThrottleMillisPerSecond()).isEqualTo(50.0);
    assertThat(e.timerFrequencyHz()).hasValue(1000);
    assertThat(e.tickMode()).contains("nohz_full");
    assertThat(e.transparentHugepages()).contains("never");
    assertThat(e.cpuFrequencyGovernors())
        .isEqualTo(Map.of("powersave", CpuSet.of(0, 1), "performance", CpuSet.of(2, 3)));
    assertThat(e.cpuidleStates()).containsExactly("POLL", "C1", "C6", "C10");
    assertThat(e.irqbalanceRunning()).contains(true);
    assertThat(e.kubeletCpuManagerPolicy()).contains("static");
  }

  @Test
  void unknownEnvironmentStaysEmptyAndGarbageIsNamed() throws IOException {
    put("sys/kernel/mm/transparent_hugepage/enabled", "always madvise never");
    put("var/lib/kubelet/cpu_manager_state", "{not json");
    NodeSnapshot s = new NodeReader(root).read();
    EnvironmentState e = s.environment();
    assertThat(e.rtRuntimeMicroseconds()).isEmpty();
    assertThat(e.transparentHugepages()).isEmpty();
    assertThat(e.kubeletCpuManagerPolicy()).isEmpty();
    assertThat(e.irqbalanceRunning()).isEmpty();
    assertThat(s.degradations())
        .extracting(Degradation::file)
        .containsExactly(
            "/sys/kernel/mm/transparent_hugepage/enabled", "/var/lib/kubelet/cpu_manager_state");
  }

  @Test
  void readsTheCgroupLayout() throws IOException {
    put(
        "proc/self/mounts",
        "tmpfs /sys/fs/cgroup tmpfs rw 0 0\n"
            + "cgroup /sys/fs/cgroup/cpuset cgroup rw,relatime,cpuset 0 0\n"
            + "cgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0\n");
    Files.createDirectories(root.resolve("sys/fs/cgroup/cpuset/kubepods"));
    assertThat(new NodeReader(root).read().cgroup())
        .isEqualTo(
            new CgroupLayout(Optional.of("v1"), Optional.of("cgroupfs"), Optional.of("/kubepods")));

    put("proc/self/mounts", "cgroup2 /sys/fs/cgroup cgroup2 rw,nsdelegate 0 0\n");
    Files.createDirectories(root.resolve("sys/fs/cgroup/kubepods.slice"));
    assertThat(new NodeReader(root).read().cgroup())
        .isEqualTo(
            new CgroupLayout(
                Optional.of("v2"), Optional.of("systemd"), Optional.of("/kubepods.slice")));
  }

  @Test
  void readsPciAndVirtioNicsAndSkipsVirtualOnes() throws IOException {
    Path pci = root.resolve("sys/devices/pci0000:00/0000:3b:00.0");
    put("sys/devices/pci0000:00/0000:3b:00.0/uevent", "DRIVER=ice\nPCI_SLOT_NAME=0000:3b:00.0");
    put("sys/devices/pci0000:00/0000:3b:00.0/numa_node", "1");
    for (int irq : new int[] {130, 128, 129}) {
      put("sys/devices/pci0000:00/0000:3b:00.0/msi_irqs/" + irq, "msix");
    }
    Files.createDirectories(root.resolve("sys/class/net/ens1f0"));
    Files.createSymbolicLink(root.resolve("sys/class/net/ens1f0/device"), pci);
    Path virtio = root.resolve("sys/devices/pci0000:00/0000:00:03.0/virtio2");
    put("sys/devices/pci0000:00/0000:00:03.0/virtio2/uevent", "DRIVER=virtio_net");
    put("sys/devices/pci0000:00/0000:00:03.0/uevent", "PCI_SLOT_NAME=0000:00:03.0");
    put("sys/devices/pci0000:00/0000:00:03.0/numa_node", "-1");
    put("sys/devices/pci0000:00/0000:00:03.0/msi_irqs/37", "msix");
    Files.createDirectories(root.resolve("sys/class/net/eth0"));
    Files.createSymbolicLink(root.resolve("sys/class/net/eth0/device"), virtio);
    Files.createDirectories(root.resolve("sys/class/net/lo"));
    assertThat(new NodeReader(root).read().nics())
        .containsExactly(
            new Nic("ens1f0", Optional.of("0000:3b:00.0"), 1, List.of(128, 129, 130)),
            new Nic("eth0", Optional.of("0000:00:03.0"), -1, List.of(37)));
  }
}
