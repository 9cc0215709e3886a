package io.isocore.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.IsolationProfileStatus;
import io.isocore.api.v1alpha1.ProfileNodeStatus;
import io.isocore.core.alloc.NodeInventory;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.noise.NoisyCondition;
import io.isocore.core.profile.ProfileReport;
import io.isocore.kube.status.Conditions;
import io.isocore.mapping.profile.IsolationProfiles;
import io.isocore.operator.catalog.NodeCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place an IsolationProfile's status is built: matched nodes, per node the CPUs handed out
 * and the kernel command line that realises the profile, and Ready / Degraded conditions (and
 * HeldCpuNoiseSlo when the profile sets {@code spec.heldCpuNoise}).
 */
public final class ProfileStatuses {
  public static final String READY = "Ready";
  public static final String DEGRADED = "Degraded";

  /**
   * Whether the agents apply {@code spec.heldCpuNoise}; present only when the field is set. False
   * (reason {@code InvalidSlo}) leaves the rest of the profile in force: Ready says nothing of it.
   */
  public static final String HELD_CPU_NOISE_SLO = "HeldCpuNoiseSlo";

  private ProfileStatuses() {}

  /** How many example nodes the status lists, those with findings first. */
  public static final int EXAMPLE_NODES = 5;

  /** The longest Degraded message, so a thousand degraded nodes cannot grow the condition. */
  static final int MAX_MESSAGE = 1024;

  /**
   * Builds the status from the catalog. Bounded whatever the number of nodes: counts, at most
   * {@link #EXAMPLE_NODES} example nodes and a Degraded message of at most {@link #MAX_MESSAGE}
   * characters; each node's full report is in its NodeTopology (status.profile, the agent's).
   */
  public static IsolationProfileStatus build(
      IsolationProfile profile, NodeCatalog catalog, Instant now) {
    String name = profile.getMetadata().getName();
    Long generation = profile.getMetadata().getGeneration();
    List<Condition> previous =
        profile.getStatus() == null ? List.of() : profile.getStatus().conditions();
    List<String> matched = catalog.profileNodes().getOrDefault(name, List.of());
    List<ProfileNodeStatus> degradedExamples = new ArrayList<>();
    List<ProfileNodeStatus> fineExamples = new ArrayList<>();
    int degraded = 0;
    int usable = 0;
    for (String node : matched) {
      boolean hasFindings =
          !catalog.nodeFindings().getOrDefault(node, List.of()).isEmpty()
              || !catalog.inventories().containsKey(node);
      usable += catalog.inventories().containsKey(node) ? 1 : 0;
      if (hasFindings) {
        degraded++;
        if (degradedExamples.size() < EXAMPLE_NODES) {
          degradedExamples.add(node(node, catalog));
        }
      } else if (fineExamples.size() < EXAMPLE_NODES) {
        fineExamples.add(node(node, catalog));
      }
    }
    List<ProfileNodeStatus> examples = new ArrayList<>(degradedExamples);
    fineExamples.stream().limit(EXAMPLE_NODES - examples.size()).forEach(examples::add);
    List<Condition> conditions = new ArrayList<>();
    conditions.add(ready(previous, catalog.profileProblems().get(name), matched, generation, now));
    conditions.add(
        Conditions.condition(
            previous,
            DEGRADED,
            degraded > 0,
            degraded == 0 ? "AsSpecified" : "NodeFindings",
            degraded == 0
                ? "every matched node is as the profile asks"
                : degradedMessage(degraded, matched.size(), degradedExamples),
            generation,
            now));
    heldCpuNoiseSlo(profile, previous, generation, now).ifPresent(conditions::add);
    return new IsolationProfileStatus(
        generation, matched.size(), examples, usable, degraded, conditions);
  }

  private static Condition ready(
      List<Condition> previous,
      String problem,
      List<String> matched,
      Long generation,
      Instant now) {
    if (problem != null) {
      return Conditions.condition(previous, READY, false, "InvalidSpec", problem, generation, now);
    }
    if (matched.isEmpty()) {
      return Conditions.condition(
          previous, READY, false, "NoNodes", "the nodeSelector matches no node", generation, now);
    }
    return Conditions.condition(
        previous,
        READY,
        true,
        "Valid",
        "applies to " + matched.size() + " node(s)",
        generation,
        now);
  }

  private static Optional<Condition> heldCpuNoiseSlo(
      IsolationProfile profile, List<Condition> previous, Long generation, Instant now) {
    if (profile.getSpec() == null || profile.getSpec().heldCpuNoise() == null) {
      return Optional.empty();
    }
    Optional<String> problem = IsolationProfiles.heldCpuSloProblem(profile);
    return Optional.of(
        problem.isPresent()
            ? Conditions.condition(
                previous,
                HELD_CPU_NOISE_SLO,
                false,
                NoisyCondition.INVALID_SLO,
                problem.get(),
                generation,
                now)
            : Conditions.condition(
                previous,
                HELD_CPU_NOISE_SLO,
                true,
                "Valid",
                "the agents measure held exclusive CPUs against spec.heldCpuNoise",
                generation,
                now));
  }

  private static String degradedMessage(
      int degraded, int matched, List<ProfileNodeStatus> examples) {
    StringBuilder message =
        new StringBuilder(
            degraded
                + " of "
                + matched
                + " matched node(s) differ from the profile (each NodeTopology's status.profile"
                + " has its findings); for example ");
    for (int i = 0; i < examples.size(); i++) {
      ProfileNodeStatus example = examples.get(i);
      message
          .append(i == 0 ? "" : " | ")
          .append(example.node())
          .append(": ")
          .append(String.join("; ", example.findings() == null ? List.of() : example.findings()));
    }
    return message.length() <= MAX_MESSAGE
        ? message.toString()
        : message.substring(0, MAX_MESSAGE - 3) + "...";
  }

  /** One matched node: the CPUs handed out and the kernel command line, or why it is not used. */
  private static ProfileNodeStatus node(String node, NodeCatalog catalog) {
    NodeInventory inventory = catalog.inventories().get(node);
    List<String> findings = new ArrayList<>(catalog.nodeFindings().getOrDefault(node, List.of()));
    if (inventory == null) {
      String reason = catalog.unusable().getOrDefault(node, "not usable");
      findings.add(reason.replace("node(s) ", "node "));
      return new ProfileNodeStatus(node, null, null, findings);
    }
    CpuSet handedOut = inventory.isolated().minus(inventory.reserved());
    return new ProfileNodeStatus(
        node, handedOut.toListString(), cmdline(inventory), findings.isEmpty() ? null : findings);
  }

  static String cmdline(NodeInventory inventory) {
    return ProfileReport.cmdline(inventory.isolated(), inventory.reserved()).orElse(null);
  }
}
