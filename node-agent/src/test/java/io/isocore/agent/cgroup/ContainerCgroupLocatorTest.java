package io.isocore.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

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

  @ParameterizedTest
  @CsvSource({
    "SYSTEMD, BURSTABLE, containerd://abc, kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1234abcd_56ef_4a00_8b00_0000000000aa.slice/cri-containerd-abc.scope",
    "SYSTEMD, GUARANTEED, cri-o://abc, kubepods.slice/kubepods-pod1234abcd_56ef_4a00_8b00_0000000000aa.slice/crio-abc.scope",
    "SYSTEMD, BEST_EFFORT, containerd://abc, kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1234abcd_56ef_4a00_8b00_0000000000aa.slice/cri-containerd-abc.scope",
    "CGROUPFS, GUARANTEED, containerd://abc, kubepods/pod1234abcd-56ef-4a00-8b00-0000000000aa/abc",
    "CGROUPFS, BURSTABLE, cri-o://abc, kubepods/burstable/pod1234abcd-56ef-4a00-8b00-0000000000aa/crio-abc",
  })
  void namesFollowTheKubeletAndRuntimeConventions(
      CgroupDriver driver, QosClass qos, String containerId, String expected) {
    String pod = ContainerCgroupLocator.podCgroup(driver, qos, UID);
    assertThat(pod + "/" + ContainerCgroupLocator.containerNames(driver, containerId).getFirst())
        .isEqualTo(expected);
  }

  @Test
  void aNodeWithoutKubepodsHasNoDriver() {
    assertThat(new ContainerCgroupLocator(new CgroupV2Cpuset(dir)).kubepods()).isEmpty();
  }
}
