package io.isocore.mapping.profile;

import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.core.profile.ProfileRules;
import java.util.List;

/**
 * Which IsolationProfile governs a node. The same rule in the operator and the agent: exactly one
 * profile must select the node, and it must be valid.
 */
public sealed interface ProfileSelection {

  /** A condition-ready reason for a node that is not usable; empty for {@link Selected}. */
  String problem();

  /** No profile selects the node: isocore leaves it alone. */
  record None() implements ProfileSelection {
    @Override
    public String problem() {
      return "matched no IsolationProfile";
    }
  }

  /**
   * Two or more profiles select the node: it is unusable until one of them stops selecting it.
   *
   * @param names the profiles, sorted
   */
  record Ambiguous(List<String> names) implements ProfileSelection {
    /** Copies the list. */
    public Ambiguous {
      names = List.copyOf(names);
    }

    @Override
    public String problem() {
      return "matched several IsolationProfiles (" + String.join(", ", names) + ")";
    }
  }

  /**
   * The one profile that selects the node is invalid.
   *
   * @param name the profile
   * @param reason what is wrong with it, naming the field
   */
  record Invalid(String name, String reason) implements ProfileSelection {
    @Override
    public String problem() {
      return "had an invalid IsolationProfile " + name + " (" + reason + ")";
    }
  }

  /**
   * The one valid profile that selects the node.
   *
   * @param profile the resource
   * @param rules its resolved rules
   */
  record Selected(IsolationProfile profile, ProfileRules rules) implements ProfileSelection {
    /** The profile's name. */
    public String name() {
      return profile.getMetadata().getName();
    }

    @Override
    public String problem() {
      return "";
    }
  }
}
