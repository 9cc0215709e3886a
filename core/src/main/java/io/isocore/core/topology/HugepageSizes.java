package io.isocore.core.topology;

import java.util.Optional;

/** Byte-valued shortcuts over {@link HugepageSize}, the one hugepage-size codec. */
public final class HugepageSizes {

  private HugepageSizes() {}

  /** Returns the Kubernetes name of a size in bytes: {@code 2Mi}, {@code 1Gi}, {@code 64Ki}. */
  public static String name(long bytes) {
    return bytes > 0 && bytes % 1024 == 0 ? new HugepageSize(bytes).name() : Long.toString(bytes);
  }

  /**
   * Parses a Kubernetes hugepage size name ({@code 2Mi}, {@code 1Gi}, {@code 64Ki}) into bytes;
   * empty when it is not one.
   */
  public static Optional<Long> parse(String name) {
    return HugepageSize.parse(name).map(HugepageSize::bytes);
  }
}
