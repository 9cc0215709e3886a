package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, pinned: the exact verbs on the exact resources each component uses. A change of
 * the components' API calls must change this test and docs/chart.md together.
 */
class RbacTest {

  private final RenderedChart chart = RenderedChart.render(Map.of());

  @Test
  void operatorMayScheduleAndNothingMore() {
    ClusterRole role = chart.one(ClusterRole.class, "-operator");
    assertThat(flatten(role.getRules()))
        .containsExactlyInAnyOrder(
            "/pods: get,list,watch",
            "/nodes: get,list,watch",
            "/pods/binding: create",
            "/pods/status: patch",
            "/events: create",
            "isocore.io/nodetopologies: get,list,watch",
            "isocore.io/isolationprofiles: get,list,watch",
            "isocore.io/latencytenants: get,list,watch",
            "isocore.io/isolationprofiles/status: patch",
            "isocore.io/latencytenants/status: patch",
            "isocore.io/coreallocations: create,delete,get,list,watch",
            "isocore.io/coreallocations/status: patch");
    Role lease = chart.one(Role.class, "-leader-election");
    assertThat(flatten(lease.getRules()))
        .containsExactlyInAnyOrder(
            "coordination.k8s.io/leases: create",
            "coordination.k8s.io/leases[isocore-operator]: get,update");
    assertThat(chart.one(RoleBinding.class, "-leader-election").getSubjects().get(0).getName())
        .isEqualTo("isocore-operator");
    assertThat(chart.one(ClusterRoleBinding.class, "-operator").getSubjects().get(0).getName())
        .isEqualTo("isocore-operator");
  }

  @Test
  void agentReadsPodsAndWritesOnlyItsNodesObjects() {
    ClusterRole role = chart.one(ClusterRole.class, "-agent");
    assertThat(flatten(role.getRules()))
        .containsExactlyInAnyOrder(
            "/pods: get,list,watch",
            "/nodes: get",
            "/events: create",
            "isocore.io/isolationprofiles: get,list,watch",
            "isocore.io/latencytenants: get",
            "isocore.io/coreallocations: get,list,watch",
            "isocore.io/coreallocations/status: get,patch",
            "isocore.io/nodetopologies: create,get",
            "isocore.io/nodetopologies/status: get,update");
    assertThat(chart.one(ClusterRoleBinding.class, "-agent").getSubjects().get(0).getName())
        .isEqualTo("isocore-agent");
  }

  @Test
  void noWildcardsAndNoSecrets() {
    chart.all(ClusterRole.class).stream()
        .flatMap(r -> r.getRules().stream())
        .forEach(
            rule -> {
              assertThat(rule.getVerbs()).doesNotContain("*");
              assertThat(rule.getResources()).doesNotContain("*", "secrets", "configmaps");
              assertThat(rule.getApiGroups()).doesNotContain("*");
            });
  }

  /** "group/resource[names]: sorted verbs", one entry per group and resource. */
  private static List<String> flatten(List<PolicyRule> rules) {
    return rules.stream()
        .flatMap(
            rule ->
                rule.getApiGroups().stream()
                    .flatMap(
                        group ->
                            rule.getResources().stream()
                                .map(
                                    resource ->
                                        group
                                            + "/"
                                            + resource
                                            + (rule.getResourceNames().isEmpty()
                                                ? ""
                                                : rule.getResourceNames().toString())
                                            + ": "
                                            + String.join(",", new TreeSet<>(rule.getVerbs())))))
        .toList();
  }
}
