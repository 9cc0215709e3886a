package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.isocore.agent.metrics.NodeCpuView.PodRef;
import io.isocore.agent.telemetry.ContainerRef;
import io.isocore.api.v1alpha1.ContainerAllocation;
import io.isocore.api.v1alpha1.ContainerAllocation.CpuMode;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationSpec;
import io.isocore.api.v1alpha1.IsolationProfileSpec;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.CpuPools;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnforcementCpuViewTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:01:00Z");

  private static CoreAllocation ca(String name, String pod, String cpus, String created) {
    CoreAllocation ca = new CoreAllocation();
    ca.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace("ns")
            .withCreationTimestamp(created)
            .build());
    ca.setSpec(
        new CoreAllocationSpec(
            pod,
            "uid-" + pod,
            "node-1",
            0,
            null,
            List.of(
                new ContainerAllocation("main", CpuMode.Exclusive, cpus, null, null),
                new ContainerAllocation("side", CpuMode.Shared, null, 100, null)),
            null));
    return ca;
  }

  private static IsolationProfileSpec profile(String reserved) {
    return new IsolationProfileSpec(Map.of(), reserved, null, null, null, null, null, null, null);
  }

  @Test
  void viewsTheLatestPass() {
    EnforcementCpuView view = new EnforcementCpuView(Clock.fixed(NOW, ZoneOffset.UTC));
    CoreAllocation applied = ca("a", "lat", "4-5", "2026-01-01T00:00:00Z");
    CoreAllocation waiting = ca("b", "slow", "6", "2026-01-01T00:00:30Z");
    EnforcementReport report =
        new EnforcementReport(
            List.of(
                new AllocationResult.Applied("ns/a", 1, List.of(), List.of(), false, 2),
                new AllocationResult.Waiting("ns/b", 1, "no container yet")),
            new CpuPools(CpuSet.parse("4-5"), CpuSet.parse("6-7"), CpuSet.parse("0-3")),
            2,
            List.of(),
            List.of(),
            Optional.empty());
    NodeCpus cpus = new NodeCpus(CpuSet.parse("0-7"), CpuSet.of(0), CpuSet.parse("4-7"), Map.of());

    view.afterPass(cpus, Optional.of(profile("0-1")), List.of(applied, waiting), report);

    assertThat(view.isolated()).isEqualTo(CpuSet.parse("4-7"));
    assertThat(view.reserved()).isEqualTo(CpuSet.parse("0-1"));
    assertThat(view.shared()).isEqualTo(CpuSet.parse("0-3"));
    assertThat(view.exclusive())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                4, new ContainerRef("ns", "lat", "main"),
                5, new ContainerRef("ns", "lat", "main")));
    assertThat(view.notAppliedSeconds())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(new PodRef("ns", "lat"), 0.0, new PodRef("ns", "slow"), 30.0));
  }

  @Test
  void emptyBeforeAnyPassAndWithoutProfile() {
    EnforcementCpuView view = new EnforcementCpuView(Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(view.isolated().isEmpty()).isTrue();
    assertThat(view.exclusive()).isEmpty();
    assertThat(view.notAppliedSeconds()).isEmpty();

    view.afterPass(
        new NodeCpus(CpuSet.parse("0-3"), CpuSet.of(0), CpuSet.empty(), Map.of()),
        Optional.empty(),
        List.of(),
        new EnforcementReport(
            List.of(),
            new CpuPools(CpuSet.empty(), CpuSet.empty(), CpuSet.parse("0-3")),
            0,
            List.of(),
            List.of(),
            Optional.empty()));
    assertThat(view.reserved().isEmpty()).isTrue();
    assertThat(view.shared()).isEqualTo(CpuSet.parse("0-3"));
  }
}
