package io.isocore.agent.publish;

import io.isocore.api.v1alpha1.Condition;
import io.isocore.api.v1alpha1.Condition.ConditionStatus;
import io.isocore.core.node.Degradation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Computes the {@code Ready} and {@code Degraded} conditions of a NodeTopology. Pure. {@code
 * lastTransitionTime} is carried over from the previous condition unless its status changed.
 */
public final class NodeTopologyConditions {

  /** Reason of Ready=True. */
  public static final String TOPOLOGY_READ = "TopologyRead";

  /** Reason of Degraded=True. */
  public static final String UNREADABLE_FILES = "UnreadableFiles";

  /** Reason of Degraded=False. */
  public static final String ALL_FILES_READ = "AllFilesRead";

  private static final int FILES_IN_MESSAGE = 5;

  private NodeTopologyConditions() {}

  /** Returns the conditions for a reading with {@code degradations}. */
  public static List<Condition> next(
      List<Condition> previous,
      List<Degradation> degradations,
      int onlineCpus,
      long generation,
      Instant now) {
    String time = now.toString();
    Condition ready =
        new Condition(
            "Ready",
            ConditionStatus.True,
            TOPOLOGY_READ,
            "read " + onlineCpus + " online CPUs from sysfs",
            generation,
            time);
    Condition degraded =
        degradations.isEmpty()
            ? new Condition(
                "Degraded",
                ConditionStatus.False,
                ALL_FILES_READ,
                "every sysfs and procfs file read was usable",
                generation,
                time)
            : new Condition(
                "Degraded",
                ConditionStatus.True,
                UNREADABLE_FILES,
                message(degradations),
                generation,
                time);
    List<Condition> out = new ArrayList<>();
    out.add(keepTransitionTime(previous, ready));
    out.add(keepTransitionTime(previous, degraded));
    return out;
  }

  static String message(List<Degradation> degradations) {
    StringBuilder b = new StringBuilder();
    int shown = Math.min(FILES_IN_MESSAGE, degradations.size());
    for (int i = 0; i < shown; i++) {
      b.append(i == 0 ? "" : "; ").append(degradations.get(i).describe());
    }
    if (degradations.size() > shown) {
      b.append("; and ").append(degradations.size() - shown).append(" more");
    }
    return b.toString();
  }

  private static Condition keepTransitionTime(List<Condition> previous, Condition next) {
    Optional<Condition> old =
        previous == null
            ? Optional.empty()
            : previous.stream().filter(c -> Objects.equals(c.type(), next.type())).findFirst();
    if (old.isPresent()
        && old.get().status() == next.status()
        && old.get().lastTransitionTime() != null) {
      return new Condition(
          next.type(),
          next.status(),
          next.reason(),
          next.message(),
          next.observedGeneration(),
          old.get().lastTransitionTime());
    }
    return next;
  }
}
