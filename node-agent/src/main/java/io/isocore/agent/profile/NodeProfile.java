package io.isocore.agent.profile;

import io.isocore.mapping.profile.ProfileSelection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which IsolationProfile governs this node, as the last enforcement pass found it ({@code
 * IsolationProfiles.selectFor}, the operator's rule). Enforcement writes it; the NodeTopology
 * publisher reads it for the {@code ProfileUsable} condition. Empty until a pass has run (with
 * enforcement off, the agent does not watch profiles and publishes no such condition).
 */
@ApplicationScoped
public class NodeProfile {

  private volatile ProfileSelection selection;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** The last selection, if a pass has made one. */
  public Optional<ProfileSelection> selection() {
    return Optional.ofNullable(selection);
  }

  /**
   * Records a pass's selection; listeners run when it differs from the previous one.
   *
   * @return whether it changed
   */
  public boolean update(ProfileSelection next) {
    Objects.requireNonNull(next, "next");
    ProfileSelection before = selection;
    selection = next;
    if (same(before, next)) {
      return false;
    }
    listeners.forEach(Runnable::run);
    return true;
  }

  /** Runs {@code onChange} after each change of the selection. */
  public void addListener(Runnable onChange) {
    listeners.add(onChange);
  }

  // A Selected profile compares by name and rules: a new resourceVersion alone is no change.
  private static boolean same(ProfileSelection a, ProfileSelection b) {
    if (a instanceof ProfileSelection.Selected x && b instanceof ProfileSelection.Selected y) {
      return x.name().equals(y.name()) && x.rules().equals(y.rules());
    }
    return Objects.equals(a, b);
  }
}
