package io.isocore.core.topology;

import java.util.Optional;

/** Converts hugepage sizes between bytes and the Kubernetes names ({@code 2Mi}, {@code 1Gi}). */
public final class HugepageSizes {

  private HugepageSizes() {}

  /** Returns the Kubernetes name of a size in bytes: {@code 2Mi}, {@code 1Gi}, {@code 64Ki}. */
  public static String name(long bytes) {
    if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
      return (bytes >> 30) + "Gi";
    }
    if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + "Mi";
    }
    if (bytes % 1024 == 0) {
      return (bytes >> 10) + "Ki";
    }
    return Long.toString(bytes);
  }

  /**
   * Parses a Kubernetes hugepage size name ({@code 2Mi}, {@code 1Gi}, {@code 64Ki}); empty when it
   * is not one.
   */
  public static Optional<Long> parse(String name) {
    if (name == null || name.length() < 3) {
      return Optional.empty();
    }
    String suffix = name.substring(name.length() - 2);
    long shift =
        switch (suffix) {
          case "Ki" -> 10;
          case "Mi" -> 20;
          case "Gi" -> 30;
          default -> -1;
        };
    if (shift < 0) {
      return Optional.empty();
    }
    try {
      long value = Long.parseLong(name.substring(0, name.length() - 2));
      return value > 0 ? Optional.of(value << shift) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
