package io.isocore.mapping.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.isocore.api.v1alpha1.HeldCpuNoiseSpec;
import io.isocore.api.v1alpha1.IsolatedCpus;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.IsolationProfileSpec;
import io.isocore.api.v1alpha1.JitterProbeSpec;
import io.isocore.core.alloc.NumaPolicy;
import io.isocore.core.alloc.SmtPolicy;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.UnallocatedIsolatedPolicy;
import io.isocore.core.noise.HeldCpuSlo;
import io.isocore.core.noise.HeldNoiseKind;
import io.isocore.core.profile.ProbeSchedule;
import io.isocore.core.profile.ProfileRules;
import io.isocore.mapping.InvalidResourceException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IsolationProfilesTest {

  static IsolationProfile profile(String name, Map<String, String> selector, String reserved) {
    return profile(
        name,
        new IsolationProfileSpec(selector, reserved, null, null, null, null, null, null, null));
  }

  static IsolationProfile profile(String name, IsolationProfileSpec spec) {
    IsolationProfile p = new IsolationProfile();
    p.setMetadata(new ObjectMetaBuilder().withName(name).build());
    p.setSpec(spec);
    return p;
  }

  static IsolationProfileSpec explicit(String reserved, String isolated) {
    return new IsolationProfileSpec(
        null,
        reserved,
        new IsolatedCpus(IsolatedCpus.Source.Explicit, isolated),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static IsolationProfile withSlo(HeldCpuNoiseSpec slo) {
    return profile(
        "slo",
        new IsolationProfileSpec(null, "0-1", null, null, null, null, null, null, null, null, slo));
  }

  @Test
  void aHeldCpuNoiseSloOutOfBoundsIsItsOwnProblemNotTheProfiles() {
    IsolationProfile bad = withSlo(new HeldCpuNoiseSpec(500L, null, 2000L, 5));
    assertThat(IsolationProfiles.heldCpuSloProblem(bad))
        .contains(
            "IsolationProfile slo: spec.heldCpuNoise.maxRunQueueWaitMillisecondsPerSecond is 2000,"
                + " expected 1 to 1000; the held-CPU noise SLO is not applied until it is fixed");
    assertThatThrownBy(() -> IsolationProfiles.heldCpuSlo(bad))
        .isInstanceOf(InvalidResourceException.class);
    // The rest of the profile is valid and resolves.
    assertThat(IsolationProfiles.problem(bad)).isEmpty();

    HeldCpuSlo slo =
        IsolationProfiles.heldCpuSlo(withSlo(new HeldCpuNoiseSpec(500L, null, null, null)))
            .orElseThrow();
    assertThat(slo.limit(HeldNoiseKind.INTERRUPTS)).hasValue(500);
    assertThat(slo.limit(HeldNoiseKind.RUN_QUEUE_WAIT)).isEmpty();
    assertThat(slo.forSeconds()).isEqualTo(HeldCpuSlo.DEFAULT_FOR_SECONDS);

    assertThat(IsolationProfiles.heldCpuSlo(withSlo(null))).isEmpty();
    assertThat(IsolationProfiles.heldCpuSloProblem(withSlo(null))).isEmpty();
    // Set but without a limit: no SLO, and nothing wrong.
    assertThat(IsolationProfiles.heldCpuSlo(withSlo(new HeldCpuNoiseSpec(null, null, null, 60))))
        .isEmpty();
  }

  @Test
  void defaultsAreTheCrdDefaults() {
    ProfileRules rules = IsolationProfiles.resolve(profile("p", Map.of(), "0-1"));
    assertThat(rules.reserved()).isEqualTo(CpuSet.parse("0-1"));
    assertThat(rules.explicitIsolated()).isEmpty();
    assertThat(rules.smt()).isEqualTo(SmtPolicy.FULL_CORES);
    assertThat(rules.numa()).isEqualTo(NumaPolicy.SINGLE_NODE_REQUIRED);
    assertThat(rules.unallocated()).isEqualTo(UnallocatedIsolatedPolicy.IDLE);
    assertThat(rules.irqSteering()).isTrue();
    assertThat(rules.probe()).isEqualTo(ProbeSchedule.DEFAULTS);
    assertThat(rules.quarantineNanos()).isEmpty();
  }

  @Test
  void everySettingIsRead() {
    IsolationProfileSpec spec =
        new IsolationProfileSpec(
            Map.of("a", "b"),
            "0",
            new IsolatedCpus(IsolatedCpus.Source.Explicit, "2-3"),
            IsolationProfileSpec.SmtPolicy.IdleSiblings,
            IsolationProfileSpec.NumaPolicy.SingleNodePreferred,
            false,
            IsolationProfileSpec.UnallocatedPolicy.Shared,
            new JitterProbeSpec(false, 60, 5, 2000L),
            50_000L);
    ProfileRules rules = IsolationProfiles.resolve(profile("p", spec));
    assertThat(rules.explicitIsolated()).contains(CpuSet.parse("2-3"));
    assertThat(rules.smt()).isEqualTo(SmtPolicy.IDLE_SIBLINGS);
    assertThat(rules.numa()).isEqualTo(NumaPolicy.SINGLE_NODE_PREFERRED);
    assertThat(rules.unallocated()).isEqualTo(UnallocatedIsolatedPolicy.SHARED);
    assertThat(rules.irqSteering()).isFalse();
    assertThat(rules.probe())
        .isEqualTo(new ProbeSchedule(false, Duration.ofSeconds(60), Duration.ofSeconds(5), 2000));
    assertThat(rules.quarantineNanos()).hasValue(50_000L);
  }

  @Test
  void reservedAndIsolatedOverlapIsInvalidNamingBothFields() {
    // The profile `plan --profile` and the agent used to accept: reserved 0-1, isolated 0-15.
    IsolationProfile p = profile("trading", explicit("0-1", "0-15"));
    assertThat(IsolationProfiles.problem(p))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains("IsolationProfile trading")
                    .contains("spec.reservedCpus 0-1")
                    .contains("spec.isolatedCpus.cpus 0-15")
                    .contains("overlap on 0-1"));
  }

  @Test
  void badFieldsAreNamed() {
    assertThat(IsolationProfiles.problem(profile("p", Map.of(), null)))
        .hasValue("IsolationProfile p: spec.reservedCpus is required");
    assertThat(IsolationProfiles.problem(profile("p", Map.of(), "0-x")))
        .hasValueSatisfying(
            m -> assertThat(m).startsWith("IsolationProfile p: spec.reservedCpus:"));
    assertThat(IsolationProfiles.problem(profile("p", explicit("0", null))))
        .hasValue("IsolationProfile p: spec.isolatedCpus.cpus is required when source is Explicit");
    assertThat(IsolationProfiles.problem(profile("p", null)))
        .hasValue("IsolationProfile p: spec is missing");
  }

  @Test
  void probeTimingsOutsideTheCrdBoundsAreNamed() {
    IsolationProfileSpec spec =
        new IsolationProfileSpec(
            null, "0", null, null, null, null, null, new JitterProbeSpec(true, 5, 1, null), null);
    assertThatThrownBy(() -> IsolationProfiles.resolve(profile("p", spec)))
        .isInstanceOf(InvalidResourceException.class)
        .hasMessage("IsolationProfile p: spec.jitterProbe.intervalSeconds 5 is outside 10..86400");
    IsolationProfileSpec longWindow =
        new IsolationProfileSpec(
            null, "0", null, null, null, null, null, new JitterProbeSpec(true, 30, 30, null), null);
    assertThatThrownBy(() -> IsolationProfiles.resolve(profile("p", longWindow)))
        .hasMessageContaining("spec.jitterProbe.durationSeconds 30 must be shorter");
    IsolationProfileSpec quarantine =
        new IsolationProfileSpec(null, "0", null, null, null, null, null, null, 10L);
    assertThatThrownBy(() -> IsolationProfiles.resolve(profile("p", quarantine)))
        .hasMessageContaining("spec.quarantineThresholdNanoseconds 10");
  }

  @Test
  void aNodeMatchedByTwoProfilesIsUnusableNamingBoth() {
    List<IsolationProfile> profiles =
        List.of(
            profile("b-profile", Map.of("pool", "trading"), "0"),
            profile("a-profile", Map.of(), "0-1"),
            profile("other", Map.of("pool", "risk"), "0"));
    ProfileSelection selection = IsolationProfiles.selectFor(Map.of("pool", "trading"), profiles);
    assertThat(selection)
        .isEqualTo(new ProfileSelection.Ambiguous(List.of("a-profile", "b-profile")));
    assertThat(selection.problem())
        .isEqualTo("matched several IsolationProfiles (a-profile, b-profile)");
  }

  @Test
  void selectionOfNoneOneAndAnInvalidOne() {
    List<IsolationProfile> profiles =
        List.of(
            profile("trading", Map.of("pool", "trading"), "0"),
            profile("broken", explicit("0-1", "1-3")));
    assertThat(IsolationProfiles.selectFor(Map.of(), List.of(profiles.get(0))))
        .isInstanceOf(ProfileSelection.None.class);
    ProfileSelection one =
        IsolationProfiles.selectFor(Map.of("pool", "trading"), profiles.subList(0, 1));
    assertThat(one).isInstanceOf(ProfileSelection.Selected.class);
    assertThat(((ProfileSelection.Selected) one).name()).isEqualTo("trading");
    assertThat(((ProfileSelection.Selected) one).rules().reserved()).isEqualTo(CpuSet.of(0));
    ProfileSelection invalid = IsolationProfiles.selectFor(Map.of(), profiles.subList(1, 2));
    assertThat(invalid).isInstanceOf(ProfileSelection.Invalid.class);
    assertThat(invalid.problem()).contains("broken").contains("overlap on 1");
  }

  @Test
  void selectorNeedsEveryLabel() {
    IsolationProfile p = profile("p", Map.of("a", "1", "b", "2"), "0");
    assertThat(IsolationProfiles.selects(p, Map.of("a", "1"))).isFalse();
    assertThat(IsolationProfiles.selects(p, Map.of("a", "1", "b", "2", "c", "3"))).isTrue();
    assertThat(IsolationProfiles.selects(p, null)).isFalse();
  }
}
