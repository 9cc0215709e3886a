package io.isocore.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.enforce.AllocationResult;
import io.isocore.agent.enforce.EnforcementReport;
import io.isocore.agent.enforce.NodeCpus;
import io.isocore.agent.enforce.PassSnapshot;
import io.isocore.agent.enforce.SeenAllocation;
import io.isocore.agent.metrics.NodeCpuView.PodRef;
import io.isocore.agent.telemetry.ContainerRef;
import io.isocore.agent.testing.EnforcementFixture;
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

  /** An allocation whose "main" container holds {@code cpus} once applied. */
  private static SeenAllocation ca(String name, String pod, String cpus, String created) {
    return new SeenAllocation(
        "ns/" + name,
        "ns",
        pod,
        Optional.of(Instant.parse(created)),
        Map.of("main", CpuSet.parse(cpus)));
  }

  @Test
  void viewsTheLatestPass() {
    EnforcementCpuView view = new EnforcementCpuView(Clock.fixed(NOW, ZoneOffset.UTC));
    SeenAllocation applied = ca("a", "lat", "4-5", "2026-01-01T00:00:00Z");
    SeenAllocation waiting = ca("b", "slow", "6", "2026-01-01T00:00:30Z");
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

    view.afterPass(
        new PassSnapshot(
            cpus, Optional.of(EnforcementFixture.rules()), List.of(applied, waiting), report));

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
        new PassSnapshot(
            new NodeCpus(CpuSet.parse("0-3"), CpuSet.of(0), CpuSet.empty(), Map.of()),
            Optional.empty(),
            List.of(),
            new EnforcementReport(
                List.of(),
                new CpuPools(CpuSet.empty(), CpuSet.empty(), CpuSet.parse("0-3")),
                0,
                List.of(),
                List.of(),
                Optional.empty())));
    assertThat(view.reserved().isEmpty()).isTrue();
    assertThat(view.shared()).isEqualTo(CpuSet.parse("0-3"));
  }
}
