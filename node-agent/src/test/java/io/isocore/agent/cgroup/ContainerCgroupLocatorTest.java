package io.isocore.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.agent.testing.FakeCgroupTree;
import io.isocore.core.cpu.CpuSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ContainerCgroupLocatorTest {

  private static final String UID = "1234abcd-56ef-4a00-8b00-0000000000aa";

  @TempDir Path dir;

  static List<Arguments> layoutsAndQos() {
    List<Arguments> all = new ArrayList<>();
    for (FakeCgroupTree.Layout layout : FakeCgroupTree.Layout.all()) {
      for (QosClass qos : QosClass.values()) {
        all.add(Arguments.of(layout, qos));
      }
    }
    return all;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("layoutsAndQos")
  void findsTheContainerWithTheRightOrNoQosHint(FakeCgroupTree.Layout layout, QosClass qos) {
    FakeCgroupTree t = new FakeCgroupTree(dir, layout, CpuSet.parse("0-1"), CpuSet.of(0));
    String path = t.addContainer(UID, qos, "f00d", 1);
    ContainerCgroupLocator locator = new ContainerCgroupLocator(t.adapter());

    assertThat(locator.driver()).contains(layout.driver());
    assertThat(locator.locate(UID, Optional.of(qos), t.containerId("f00d"))).contains(path);
    assertThat(locator.locate(UID, Optional.empty(), t.containerId("f00d"))).contains(path);
    QosClass wrong = qos == QosClass.BURSTABLE ? QosClass.BEST_EFFORT : QosClass.BURSTABLE;
    assertThat(locator.locate(UID, Optional.of(wrong), t.containerId("f00d"))).contains(path);
    assertThat(locator.locate(UID, Optional.of(qos), t.containerId("beef"))).isEmpty();
    assertThat(locator.locate("other-uid", Optional.of(qos), t.containerId("f00d"))).isEmpty();
  }

  private static final String HEX =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @ParameterizedTest
  @CsvSource({
    "SYSTEMD, BURSTABLE, containerd://HEX, kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1234abcd_56ef_4a00_8b00_0000000000aa.slice/cri-containerd-HEX.scope",
    "SYSTEMD, GUARANTEED, cri-o://HEX, kubepods.slice/kubepods-pod1234abcd_56ef_4a00_8b00_0000000000aa.slice/crio-HEX.scope",
    "SYSTEMD, BEST_EFFORT, containerd://HEX, kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1234abcd_56ef_4a00_8b00_0000000000aa.slice/cri-containerd-HEX.scope",
    "SYSTEMD, GUARANTEED, docker://HEX, kubepods.slice/kubepods-pod1234abcd_56ef_4a00_8b00_0000000000aa.slice/docker-HEX.scope",
    "CGROUPFS, GUARANTEED, containerd://HEX, kubepods/pod1234abcd-56ef-4a00-8b00-0000000000aa/HEX",
    "CGROUPFS, BURSTABLE, cri-o://HEX, kubepods/burstable/pod1234abcd-56ef-4a00-8b00-0000000000aa/crio-HEX",
  })
  void namesFollowTheKubeletAndRuntimeConventions(
      CgroupDriver driver, QosClass qos, String containerId, String expected) {
    String pod = ContainerCgroupLocator.podCgroup(driver, qos, UID);
    String id = containerId.replace("HEX", HEX);
    assertThat(pod + "/" + ContainerCgroupLocator.containerNames(driver, id).getFirst())
        .isEqualTo(expected.replace("HEX", HEX));
  }

  /** IDs a runtime never reports; each would be pasted into a path under the pod's cgroup. */
  static List<String> badIds() {
    return List.of(
        "containerd://../../../../x",
        "containerd://" + HEX.substring(0, 62) + "/..",
        "containerd://../../../../../../../../../../../../../../../../../../../../../../../../../..",
        "cri-o://" + HEX + "/../../x",
        "containerd://" + HEX.toUpperCase(java.util.Locale.ROOT),
        "containerd://" + HEX + "0",
        "containerd://" + HEX.substring(1),
        "containerd://",
        HEX,
        "rkt://" + HEX,
        "containerd://" + HEX + "\n",
        "");
  }

  @ParameterizedTest
  @MethodSource("badIds")
  void anIdOutsideTheStrictFormNeverBecomesAPath(String bad) {
    assertThatThrownBy(() -> ContainerCgroupLocator.containerNames(CgroupDriver.CGROUPFS, bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 lowercase hex digits")
        .hasMessageContaining("not used as a cgroup path");
    assertThatThrownBy(() -> ContainerId.parse(bad)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTraversingIdIsNotLocatedEvenWhereItsTargetExists() {
    // cgroupfs names a container's cgroup by its bare ID, so the ID alone decides the path
    FakeCgroupTree.Layout cgroupfs =
        FakeCgroupTree.Layout.all().stream()
            .filter(l -> l.driver() == CgroupDriver.CGROUPFS)
            .findFirst()
            .orElseThrow();
    FakeCgroupTree t = new FakeCgroupTree(dir, cgroupfs, CpuSet.parse("0-1"), CpuSet.of(0));
    t.addContainer(UID, QosClass.GUARANTEED, "f00d", 1);
    ContainerCgroupLocator locator = new ContainerCgroupLocator(t.adapter());
    String pod = locator.locatePod(UID, Optional.of(QosClass.GUARANTEED)).orElseThrow();
    // climbing out of the pod's cgroup and back in names an existing cgroup (the pod's own)
    String escape = "../".repeat(pod.split("/").length) + pod;
    assertThat(t.adapter().exists(pod + "/" + escape)).isTrue();
    for (String runtime : List.of("containerd", "cri-o", "docker")) {
      assertThat(locator.locate(UID, Optional.of(QosClass.GUARANTEED), runtime + "://" + escape))
          .as(runtime)
          .isEmpty();
    }
    assertThat(locator.locate(UID, Optional.of(QosClass.GUARANTEED), t.containerId("f00d")))
        .isPresent();
  }

  @Test
  void parsesTheRuntimeAndTheDigits() {
    assertThat(ContainerId.parse("cri-o://" + HEX)).isEqualTo(new ContainerId("cri-o", HEX));
    assertThat(ContainerId.parse("docker://" + HEX).toString()).isEqualTo("docker://" + HEX);
  }

  @Test
  void aNodeWithoutKubepodsHasNoDriver() {
    assertThat(new ContainerCgroupLocator(new CgroupV2Cpuset(dir)).kubepods()).isEmpty();
  }
}
