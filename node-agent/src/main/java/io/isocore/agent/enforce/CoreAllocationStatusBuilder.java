package io.isocore.agent.enforce;

import io.fabric8.kubernetes.api.model.Condition;
import io.isocore.api.v1alpha1.ContainerVerification;
import io.isocore.api.v1alpha1.CoreAllocationStatus;
import io.isocore.api.v1alpha1.CoreAllocationStatus.Phase;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.noise.NoisyCondition;
import io.isocore.kube.status.Conditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a CoreAllocation's status from an enforcement result: phase, message, containers[],
 * conditions {@code Applied}, {@code Drifted} and, for an allocation holding CPUs exclusively under
 * a held-CPU noise SLO, {@code Noisy}, each with {@code observedGeneration}. A condition's {@code
 * lastTransitionTime} changes only when its status does. Pure.
 */
public final class CoreAllocationStatusBuilder {

  /** The condition saying whether the allocation is enforced and verified. */
  public static final String APPLIED = "Applied";

  /** The condition saying whether the last pass found and repaired drift. */
  public static final String DRIFTED = "Drifted";

  /** The condition saying whether a held CPU of the allocation breaches the noise SLO. */
  public static final String NOISY = "Noisy";

  /**
   * Where the {@code Noisy} condition of an allocation holding CPUs exclusively comes from (the
   * agent's held-CPU noise measurement); empty: no SLO, no condition.
   */
  @FunctionalInterface
  public interface NoiseVerdicts {

    /** No measurement: no allocation gets a {@code Noisy} condition. */
    NoiseVerdicts NONE = cpus -> Optional.empty();

    /** The condition of an allocation holding {@code exclusiveCpus}. */
    Optional<NoisyCondition> noisy(CpuSet exclusiveCpus);

    /** Runs {@code onChange}, on any thread, after a CPU turned noisy or clean. */
    default void addListener(Runnable onChange) {}
  }

  private CoreAllocationStatusBuilder() {}

  /**
   * Returns {@code built} with the {@code Noisy} condition set from {@code noisy} (or removed when
   * empty), its transition time carried over from {@code previous} while its status is unchanged.
   */
  public static CoreAllocationStatus withNoisy(
      CoreAllocationStatus built,
      CoreAllocationStatus previous,
      Optional<NoisyCondition> noisy,
      String now) {
    List<Condition> conditions = new ArrayList<>();
    if (built.conditions() != null) {
      built.conditions().stream().filter(c -> !NOISY.equals(c.getType())).forEach(conditions::add);
    }
    noisy.ifPresent(
        n ->
            conditions.add(
                condition(
                    previous,
                    NOISY,
                    n.status(),
                    n.reason(),
                    n.message(),
                    built.observedGeneration() == null ? 0 : built.observedGeneration(),
                    now)));
    return new CoreAllocationStatus(
        built.phase(),
        built.message(),
        built.observedGeneration(),
        built.containers(),
        built.lastVerifiedTime(),
        List.copyOf(conditions),
        built.tickets());
  }

  /**
   * Returns the status for {@code result}.
   *
   * @param previous the current status, or null
   * @param result this pass's result
   * @param now RFC 3339 time of the pass
   */
  public static CoreAllocationStatus build(
      CoreAllocationStatus previous, AllocationResult result, String now) {
    long gen = result.generation();
    return switch (result) {
      case AllocationResult.Applied a -> {
        String drift =
            a.driftRepaired().isEmpty()
                ? null
                : "repaired cpusets rewritten by another writer: "
                    + String.join(", ", a.driftRepaired());
        yield new CoreAllocationStatus(
            Phase.Applied,
            "verified " + summary(a.containers()),
            gen,
            verifications(a.containers()),
            now,
            List.of(
                condition(
                    previous,
                    APPLIED,
                    Conditions.TRUE,
                    "Verified",
                    "enforced and read back from the kernel",
                    gen,
                    now),
                drift == null
                    ? condition(
                        previous,
                        DRIFTED,
                        Conditions.FALSE,
                        "InPlace",
                        "cpusets as the agent left them",
                        gen,
                        now)
                    : condition(
                        previous, DRIFTED, Conditions.TRUE, "DriftRepaired", drift, gen, now)));
      }
      case AllocationResult.Failed f ->
          new CoreAllocationStatus(
              Phase.Failed,
              f.reason(),
              gen,
              f.containers().isEmpty() ? null : verifications(f.containers()),
              now,
              List.of(
                  condition(
                      previous,
                      APPLIED,
                      Conditions.FALSE,
                      "EnforcementFailed",
                      f.reason(),
                      gen,
                      now)));
      case AllocationResult.Waiting w ->
          new CoreAllocationStatus(
              Phase.Pending,
              w.reason(),
              gen,
              null,
              previous == null ? null : previous.lastVerifiedTime(),
              List.of(
                  condition(previous, APPLIED, Conditions.FALSE, "Waiting", w.reason(), gen, now)));
    };
  }

  /** Returns the status of an allocation whose pod is gone. */
  public static CoreAllocationStatus released(
      CoreAllocationStatus previous, long generation, String reason, String now) {
    return new CoreAllocationStatus(
        Phase.Released,
        reason,
        generation,
        null,
        previous == null ? null : previous.lastVerifiedTime(),
        List.of(
            condition(previous, APPLIED, Conditions.FALSE, "Released", reason, generation, now)));
  }

  /**
   * Returns the status of an allocation the agent does not enforce because its CPUs overlap the
   * CPUs an earlier allocation on the node holds.
   */
  public static CoreAllocationStatus rejected(
      CoreAllocationStatus previous, long generation, String reason, String now) {
    return new CoreAllocationStatus(
        Phase.Rejected,
        reason,
        generation,
        null,
        previous == null ? null : previous.lastVerifiedTime(),
        List.of(
            condition(previous, APPLIED, Conditions.FALSE, "Rejected", reason, generation, now)));
  }

  /**
   * Returns whether two statuses differ in anything but {@code lastVerifiedTime}: the agent patches
   * only then, so a steady node costs the API server nothing.
   */
  public static boolean differs(CoreAllocationStatus a, CoreAllocationStatus b) {
    if (a == null || b == null) {
      return a != b;
    }
    return a.phase() != b.phase()
        || !Objects.equals(a.message(), b.message())
        || !Objects.equals(a.observedGeneration(), b.observedGeneration())
        || !Objects.equals(a.containers(), b.containers())
        || !Objects.equals(a.conditions(), b.conditions())
        || !Objects.equals(a.tickets(), b.tickets());
  }

  private static String summary(List<ContainerCheck> checks) {
    List<String> parts = new ArrayList<>();
    for (ContainerCheck c : checks) {
      parts.add(
          c.name()
              + " on CPUs "
              + c.cpusEffective()
              + " mems "
              + c.memsEffective()
              + " ("
              + c.threads()
              + " threads)");
    }
    return String.join("; ", parts);
  }

  private static List<ContainerVerification> verifications(List<ContainerCheck> checks) {
    return checks.stream()
        .map(
            c ->
                new ContainerVerification(
                    c.name(),
                    c.cgroup(),
                    c.cpusEffective().toListString(),
                    c.memsEffective().toListString(),
                    c.threads(),
                    c.threadsOffCpus()))
        .toList();
  }

  private static Condition condition(
      CoreAllocationStatus previous,
      String type,
      String status,
      String reason,
      String message,
      long generation,
      String now) {
    return Conditions.condition(
        previous == null ? null : previous.conditions(),
        type,
        status,
        reason,
        message,
        generation,
        now);
  }
}
