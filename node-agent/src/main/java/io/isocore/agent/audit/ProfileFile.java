package io.isocore.agent.audit;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.core.profile.ProfileRules;
import io.isocore.mapping.InvalidResourceException;
import io.isocore.mapping.profile.IsolationProfiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads an IsolationProfile from a YAML or JSON file, as a user would {@code kubectl apply} it, for
 * {@code audit --profile}.
 */
public final class ProfileFile {

  private ProfileFile() {}

  /**
   * Loads the profile.
   *
   * @throws InvalidProfileException naming the file and what is wrong
   */
  public static IsolationProfile load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidProfileException(file + ": no such file");
    }
    IsolationProfile profile;
    Object kind;
    try {
      byte[] bytes = Files.readAllBytes(file);
      // The typed object always says IsolationProfile: read the kind from the document itself.
      Map<?, ?> raw = Serialization.unmarshal(new ByteArrayInputStream(bytes), Map.class);
      kind = raw == null ? null : raw.get("kind");
      profile = Serialization.unmarshal(new ByteArrayInputStream(bytes), IsolationProfile.class);
    } catch (IOException | RuntimeException e) {
      throw new InvalidProfileException(file + ": not an IsolationProfile: " + rootMessage(e));
    }
    if (profile == null || profile.getSpec() == null) {
      throw new InvalidProfileException(file + ": the IsolationProfile has no spec");
    }
    if (kind != null && !"IsolationProfile".equals(kind)) {
      throw new InvalidProfileException(file + ": kind is " + kind + ", expected IsolationProfile");
    }
    return profile;
  }

  /**
   * Loads the profile and resolves it with {@code mapping}'s rules (the operator's and the
   * agent's): every field checked, reserved and isolated CPUs disjoint, the CRD defaults applied.
   *
   * @throws InvalidProfileException naming the file, the field and what is wrong
   */
  public static ProfileRules rules(Path file) {
    return rules(file, load(file));
  }

  /**
   * Resolves a profile {@link #load loaded} from {@code file}.
   *
   * @throws InvalidProfileException naming the file, the field and what is wrong
   */
  public static ProfileRules rules(Path file, IsolationProfile profile) {
    try {
      return IsolationProfiles.resolve(file.toString(), profile.getSpec());
    } catch (InvalidResourceException e) {
      throw new InvalidProfileException(e.getMessage());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }
}
