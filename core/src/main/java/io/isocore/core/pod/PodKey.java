package io.isocore.core.pod;

import java.util.Comparator;
import java.util.Objects;

/**
 * Identifies a pod by namespace and name. The UID travels beside it (see {@link PodRequest}) so a
 * recreated pod of the same name can be told apart.
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 */
public record PodKey(String namespace, String name) implements Comparable<PodKey> {

  private static final Comparator<PodKey> ORDER =
      Comparator.comparing(PodKey::namespace).thenComparing(PodKey::name);

  /** Rejects blank parts. */
  public PodKey {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    if (namespace.isBlank() || name.isBlank()) {
      throw new IllegalArgumentException(
          "a pod key needs a namespace and a name, got '" + namespace + "/" + name + "'");
    }
  }

  /** Returns the key of {@code namespace/name}. */
  public static PodKey of(String namespace, String name) {
    return new PodKey(namespace, name);
  }

  /**
   * Parses {@code namespace/name}.
   *
   * @throws IllegalArgumentException when there is no single slash between two non-blank parts
   */
  public static PodKey parse(String text) {
    int slash = text.indexOf('/');
    if (slash <= 0 || slash != text.lastIndexOf('/') || slash == text.length() - 1) {
      throw new IllegalArgumentException("expected namespace/name, got '" + text + "'");
    }
    return new PodKey(text.substring(0, slash), text.substring(slash + 1));
  }

  /** Orders by namespace, then name. */
  @Override
  public int compareTo(PodKey other) {
    return ORDER.compare(this, other);
  }

  /** Returns {@code namespace/name}. */
  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
