package io.isocore.agent.publish;

import io.fabric8.kubernetes.api.model.Condition;
import io.isocore.core.node.Degradation;
import io.isocore.kube.status.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
    List<Condition> out = new ArrayList<>();
    out.add(
        Conditions.condition(
            previous,
            "Ready",
            true,
            TOPOLOGY_READ,
            "read " + onlineCpus + " online CPUs from sysfs",
            generation,
            now));
    out.add(
        degradations.isEmpty()
            ? Conditions.condition(
                previous,
                "Degraded",
                false,
                ALL_FILES_READ,
                "every sysfs and procfs file read was usable",
                generation,
                now)
            : Conditions.condition(
                previous,
                "Degraded",
                true,
                UNREADABLE_FILES,
                message(degradations),
                generation,
                now));
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
}
