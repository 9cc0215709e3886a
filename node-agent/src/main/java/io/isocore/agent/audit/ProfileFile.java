package io.isocore.agent.audit;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.isocore.api.v1alpha1.IsolationProfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads an IsolationProfile from a YAML or JSON file, as a user would {@code kubectl apply} it. */
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
    try (InputStream in = Files.newInputStream(file)) {
      profile = Serialization.unmarshal(in, IsolationProfile.class);
    } catch (IOException | RuntimeException e) {
      throw new InvalidProfileException(file + ": not an IsolationProfile: " + rootMessage(e));
    }
    if (profile == null || profile.getSpec() == null) {
      throw new InvalidProfileException(file + ": the IsolationProfile has no spec");
    }
    if (profile.getKind() != null && !profile.getKind().equals("IsolationProfile")) {
      throw new InvalidProfileException(
          file + ": kind is " + profile.getKind() + ", expected IsolationProfile");
    }
    return profile;
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
