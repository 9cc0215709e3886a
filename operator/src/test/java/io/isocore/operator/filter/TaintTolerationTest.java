package io.isocore.operator.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaintTolerationTest {

  @ParameterizedTest(name = "toleration {0}/{1}/{2}/{3} vs taint {4}={5}:{6} -> {7}")
  @CsvSource(
      nullValues = "-",
      value = {
        // key, operator, value, effect, taintKey, taintValue, taintEffect, tolerated
        "dedicated, Equal, latency, NoSchedule, dedicated, latency, NoSchedule, true",
        "dedicated, -, latency, NoSchedule, dedicated, latency, NoSchedule, true",
        "dedicated, Equal, other, NoSchedule, dedicated, latency, NoSchedule, false",
        "dedicated, Exists, -, NoSchedule, dedicated, latency, NoSchedule, true",
        "dedicated, Exists, -, -, dedicated, latency, NoExecute, true",
        "dedicated, Exists, -, NoExecute, dedicated, latency, NoSchedule, false",
        "-, Exists, -, -, anything, x, NoSchedule, true",
        "-, Equal, -, -, anything, x, NoSchedule, false",
        "other, Exists, -, -, dedicated, latency, NoSchedule, false",
        "gpu, Equal, -, NoSchedule, gpu, -, NoSchedule, true",
      })
  void tolerationMatchesAsKubernetesDoes(
      String key,
      String operator,
      String value,
      String effect,
      String taintKey,
      String taintValue,
      String taintEffect,
      boolean tolerated) {
    Toleration t = new Toleration(effect, key, operator, null, value);
    Taint taint = new Taint(taintEffect, taintKey, null, taintValue);
    assertThat(TaintToleration.tolerates(t, taint)).isEqualTo(tolerated);
  }

  @Test
  void noScheduleAndNoExecuteTaintsRejectButPreferNoScheduleDoesNot() {
    Pod pod = new PodBuilder().withNewSpec().endSpec().build();
    assertThat(TaintToleration.reject(pod, nodeWithTaint("PreferNoSchedule"))).isEmpty();
    assertThat(TaintToleration.reject(pod, nodeWithTaint("NoSchedule")))
        .contains("node(s) had untolerated taint {dedicated: latency}");
    assertThat(TaintToleration.reject(pod, nodeWithTaint("NoExecute"))).isPresent();
  }

  @Test
  void cordonedNodeRejectsUnlessTheUnschedulableTaintIsTolerated() {
    Node cordoned =
        new NodeBuilder()
            .withNewMetadata()
            .withName("n1")
            .endMetadata()
            .withNewSpec()
            .withUnschedulable(true)
            .endSpec()
            .build();
    Pod plain = new PodBuilder().withNewSpec().endSpec().build();
    Pod tolerant =
        new PodBuilder()
            .withNewSpec()
            .addNewToleration()
            .withKey("node.kubernetes.io/unschedulable")
            .withOperator("Exists")
            .withEffect("NoSchedule")
            .endToleration()
            .endSpec()
            .build();
    assertThat(TaintToleration.reject(plain, cordoned)).contains("node(s) were unschedulable");
    assertThat(TaintToleration.reject(tolerant, cordoned)).isEmpty();
  }

  private static Node nodeWithTaint(String effect) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName("n1")
        .endMetadata()
        .withNewSpec()
        .addNewTaint()
        .withKey("dedicated")
        .withValue("latency")
        .withEffect(effect)
        .endTaint()
        .endSpec()
        .build();
  }
}
