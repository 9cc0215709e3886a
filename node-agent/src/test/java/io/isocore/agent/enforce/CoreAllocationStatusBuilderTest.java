package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.isocore.api.v1alpha1.CoreAllocationStatus;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.noise.NoisyCondition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoreAllocationStatusBuilderTest {

  private static final ContainerCheck APP =
      new ContainerCheck("app", "kubepods/pod1/abc", CpuSet.parse("4-5"), CpuSet.of(1), 3, 0);

  private static AllocationResult.Applied applied(long gen, List<String> drift) {
    return new AllocationResult.Applied("ns/a", gen, List.of(APP), drift, false, 0);
  }

  @Test
  void appliedCarriesWhatWasVerified() {
    CoreAllocationStatus s = CoreAllocationStatusBuilder.build(null, applied(4, List.of()), "T1");

    assertThat(s.phase()).isEqualTo(CoreAllocationStatus.Phase.Applied);
    assertThat(s.message()).isEqualTo("verified app on CPUs 4-5 mems 1 (3 threads)");
    assertThat(s.observedGeneration()).isEqualTo(4);
    assertThat(s.containers().getFirst().cpusEffective()).isEqualTo("4-5");
    assertThat(s.conditions())
        .extracting(Condition::getType, Condition::getStatus, Condition::getObservedGeneration)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Applied", "True", 4L),
            org.assertj.core.groups.Tuple.tuple("Drifted", "False", 4L));
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenTheConditionStatusChanges() {
    CoreAllocationStatus first =
        CoreAllocationStatusBuilder.build(null, applied(1, List.of()), "T1");
    CoreAllocationStatus same =
        CoreAllocationStatusBuilder.build(first, applied(1, List.of()), "T2");
    CoreAllocationStatus drift =
        CoreAllocationStatusBuilder.build(same, applied(1, List.of("kubepods/pod1/abc")), "T3");
    CoreAllocationStatus failed =
        CoreAllocationStatusBuilder.build(
            drift, new AllocationResult.Failed("ns/a", 1, "read-only", List.of()), "T4");

    assertThat(same.conditions()).isEqualTo(first.conditions());
    assertThat(CoreAllocationStatusBuilder.differs(first, same)).isFalse();
    assertThat(drift.conditions().get(0).getLastTransitionTime()).isEqualTo("T1");
    assertThat(drift.conditions().get(1).getLastTransitionTime()).isEqualTo("T3");
    assertThat(drift.conditions().get(1).getReason()).isEqualTo("DriftRepaired");
    assertThat(CoreAllocationStatusBuilder.differs(same, drift)).isTrue();
    assertThat(failed.conditions().getFirst().getLastTransitionTime()).isEqualTo("T4");
    assertThat(failed.conditions().getFirst().getReason()).isEqualTo("EnforcementFailed");
  }

  @Test
  void waitingAndReleasedKeepTheLastVerificationTime() {
    CoreAllocationStatus applied =
        CoreAllocationStatusBuilder.build(null, applied(1, List.of()), "T1");

    CoreAllocationStatus released =
        CoreAllocationStatusBuilder.released(applied, 1, "pod gone", "T2");
    CoreAllocationStatus waiting =
        CoreAllocationStatusBuilder.build(
            applied,
            new AllocationResult.Waiting("ns/a", 2, "containers [app] have no cgroup yet"),
            "T3");

    assertThat(released.phase()).isEqualTo(CoreAllocationStatus.Phase.Released);
    assertThat(released.lastVerifiedTime()).isEqualTo("T1");
    assertThat(waiting.phase()).isEqualTo(CoreAllocationStatus.Phase.Pending);
    assertThat(waiting.observedGeneration()).isEqualTo(2);
    assertThat(waiting.lastVerifiedTime()).isEqualTo("T1");
  }

  @Test
  void noisyIsAddedWithTheGenerationKeptWhileUnchangedAndRemovedWithoutAnSlo() {
    NoisyCondition within = new NoisyCondition("False", "WithinSlo", "CPUs 4-5 within the SLO");
    NoisyCondition noisy =
        new NoisyCondition("True", "InterruptsAboveSlo", "CPU 4: 1,840 interrupts/s (SLO 500)");
    CoreAllocationStatus first =
        CoreAllocationStatusBuilder.withNoisy(
            CoreAllocationStatusBuilder.build(null, applied(3, List.of()), "T1"),
            null,
            Optional.of(within),
            "T1");
    CoreAllocationStatus same =
        CoreAllocationStatusBuilder.withNoisy(
            CoreAllocationStatusBuilder.build(first, applied(3, List.of()), "T2"),
            first,
            Optional.of(within),
            "T2");
    CoreAllocationStatus loud =
        CoreAllocationStatusBuilder.withNoisy(
            CoreAllocationStatusBuilder.build(same, applied(3, List.of()), "T3"),
            same,
            Optional.of(noisy),
            "T3");
    CoreAllocationStatus none =
        CoreAllocationStatusBuilder.withNoisy(
            CoreAllocationStatusBuilder.build(loud, applied(3, List.of()), "T4"),
            loud,
            Optional.empty(),
            "T4");

    assertThat(first.conditions())
        .extracting(Condition::getType)
        .containsExactly("Applied", "Drifted", "Noisy");
    assertThat(CoreAllocationStatusBuilder.differs(first, same)).isFalse();
    Condition n = loud.conditions().get(2);
    assertThat(n.getStatus()).isEqualTo("True");
    assertThat(n.getReason()).isEqualTo("InterruptsAboveSlo");
    assertThat(n.getObservedGeneration()).isEqualTo(3L);
    assertThat(n.getLastTransitionTime()).isEqualTo("T3");
    assertThat(loud.conditions().get(0).getLastTransitionTime()).isEqualTo("T1");
    assertThat(CoreAllocationStatusBuilder.differs(same, loud)).isTrue();
    assertThat(none.conditions())
        .extracting(Condition::getType)
        .containsExactly("Applied", "Drifted");
  }
}
