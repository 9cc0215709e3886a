package io.isocore.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CgroupMembershipTest {

  private static final String UID = "1a2b3c4d-5e6f-4a0b-8c9d-0e1f2a3b4c5d";
  private static final String ID =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final ContainerKey KEY = new ContainerKey(UID, ID);

  @Test
  void cgroupV2SystemdContainerd() {
    String text =
        "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod"
            + UID.replace('-', '_')
            + ".slice/cri-containerd-"
            + ID
            + ".scope\n";
    assertThat(CgroupMembership.parse(text)).contains(KEY);
  }

  @Test
  void guaranteedPodSystemdCrio() {
    String text =
        "0::/kubepods.slice/kubepods-pod"
            + UID.replace('-', '_')
            + ".slice/crio-"
            + ID
            + ".scope\n";
    assertThat(CgroupMembership.parse(text)).contains(KEY);
  }

  @Test
  void crioConmonIsNotTheContainer() {
    String text =
        "0::/kubepods.slice/kubepods-pod"
            + UID.replace('-', '_')
            + ".slice/crio-conmon-"
            + ID
            + ".scope\n";
    assertThat(CgroupMembership.parse(text)).isEmpty();
  }

  @Test
  void cgroupV1CgroupfsPrefersTheCpusetLine() {
    String other = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    String text =
        "12:memory:/kubepods/besteffort/pod"
            + UID
            + "/"
            + other
            + "\n4:cpuset:/kubepods/pod"
            + UID
            + "/"
            + ID
            + "\n1:name=systemd:/system.slice/containerd.service\n";
    assertThat(CgroupMembership.parse(text)).contains(KEY);
  }

  @Test
  void nestedCgroupInsideTheContainerStillResolves() {
    String text = "0::/kubepods/burstable/pod" + UID + "/" + ID + "/init\n";
    assertThat(CgroupMembership.parse(text)).contains(KEY);
  }

  @Test
  void podSandboxSliceWithoutContainerAndHostProcesses() {
    assertThat(
            CgroupMembership.parse(
                "0::/kubepods.slice/kubepods-pod" + UID.replace('-', '_') + ".slice\n"))
        .isEmpty();
    assertThat(CgroupMembership.parse("0::/system.slice/kubelet.service\n")).isEmpty();
    assertThat(CgroupMembership.parse(ProcFixtures.read("task-status-6.18.txt")))
        .isEqualTo(Optional.empty());
  }
}
