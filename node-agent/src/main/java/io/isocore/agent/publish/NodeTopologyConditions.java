package io.isocore.agent.publish;

import io.fabric8.kubernetes.api.model.Condition;
import io.isocore.core.node.Degradation;
import io.isocore.kube.status.Conditions;
import io.isocore.mapping.profile.ProfileSelection;
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

  /** Type of the condition saying whether exactly one valid IsolationProfile selects the node. */
  public static final String PROFILE_USABLE = "ProfileUsable";

  /** Reason of ProfileUsable=True. */
  public static final String PROFILE_SELECTED = "ProfileSelected";

  /** Reason of ProfileUsable=False when no profile selects the node. */
  public static final String NO_PROFILE = "NoProfile";

  /** Reason of ProfileUsable=False when two or more profiles select the node. */
  public static final String PROFILE_CONFLICT = "ProfileConflict";

  /** Reason of ProfileUsable=False when the one profile that selects the node is invalid. */
  public static final String INVALID_PROFILE = "InvalidProfile";

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

  /**
   * The {@code ProfileUsable} condition for the profile selection of the last enforcement pass: a
   * node matched by two or more profiles, or by an invalid one, is unusable (the operator places
   * nothing there and the agent changes nothing on it), and the message names the profiles.
   */
  public static Condition profile(
      List<Condition> previous, ProfileSelection selection, long generation, Instant now) {
    return switch (selection) {
      case ProfileSelection.Selected s ->
          Conditions.condition(
              previous,
              PROFILE_USABLE,
              true,
              PROFILE_SELECTED,
              "IsolationProfile " + s.name() + " selects this node",
              generation,
              now);
      case ProfileSelection.None n -> unusable(previous, NO_PROFILE, n, generation, now);
      case ProfileSelection.Ambiguous a -> unusable(previous, PROFILE_CONFLICT, a, generation, now);
      case ProfileSelection.Invalid i -> unusable(previous, INVALID_PROFILE, i, generation, now);
    };
  }

  private static Condition unusable(
      List<Condition> previous,
      String reason,
      ProfileSelection selection,
      long generation,
      Instant now) {
    return Conditions.condition(
        previous,
        PROFILE_USABLE,
        false,
        reason,
        "this node " + selection.problem(),
        generation,
        now);
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
