package io.isocore.core.topology;

import java.util.Locale;
import java.util.Optional;

/**
 * A hugepage size and its three spellings: the Kubernetes resource name ({@code 2Mi}, {@code 1Gi}),
 * the hugetlb cgroup file name ({@code 2MB}, {@code 1GB}) and the sysfs directory name ({@code
 * hugepages-2048kB}). The one codec for hugepage sizes in isocore.
 *
 * @param bytes the page size in bytes, positive
 */
public record HugepageSize(long bytes) {

  /** 2 MiB pages. */
  public static final HugepageSize TWO_MI = new HugepageSize(2L << 20);

  /** 1 GiB pages. */
  public static final HugepageSize ONE_GI = new HugepageSize(1L << 30);

  private static final String SYSFS_PREFIX = "hugepages-";

  /** Rejects sizes that are not a positive number of KiB. */
  public HugepageSize {
    if (bytes <= 0 || bytes % 1024 != 0) {
      throw new IllegalArgumentException(
          "hugepage size " + bytes + " bytes is not a positive number of KiB");
    }
  }

  /**
   * Reads a Kubernetes size name, {@code <n>Ki}, {@code <n>Mi} or {@code <n>Gi}; empty when the
   * text is not one (or overflows).
   */
  public static Optional<HugepageSize> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String q = name.strip();
    if (q.length() < 3) {
      return Optional.empty();
    }
    int shift =
        switch (q.substring(q.length() - 2)) {
          case "Ki" -> 10;
          case "Mi" -> 20;
          case "Gi" -> 30;
          default -> -1;
        };
    if (shift < 0) {
      return Optional.empty();
    }
    try {
      long value = Long.parseLong(q.substring(0, q.length() - 2));
      if (value <= 0 || value > (Long.MAX_VALUE >> shift)) {
        return Optional.empty();
      }
      return Optional.of(new HugepageSize(value << shift));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads a Kubernetes size name.
   *
   * @throws IllegalArgumentException naming the value when it is not {@code <n>Ki|Mi|Gi}
   */
  public static HugepageSize parseStrict(String name) {
    return parse(name)
        .orElseThrow(
            () -> new IllegalArgumentException("hugepage size '" + name + "' is not <n>Ki|Mi|Gi"));
  }

  /** Reads a sysfs directory name such as {@code hugepages-2048kB}; empty when it is not one. */
  public static Optional<HugepageSize> fromSysfsName(String dirName) {
    if (dirName == null || !dirName.startsWith(SYSFS_PREFIX) || !dirName.endsWith("kB")) {
      return Optional.empty();
    }
    try {
      long kb = Long.parseLong(dirName.substring(SYSFS_PREFIX.length(), dirName.length() - 2));
      return kb > 0 && kb <= Long.MAX_VALUE >> 10
          ? Optional.of(new HugepageSize(kb << 10))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The Kubernetes name: {@code 2Mi}, {@code 1Gi}, {@code 64Ki}. */
  public String name() {
    return scaled("Gi", "Mi", "Ki");
  }

  /** The name in hugetlb cgroup files: {@code 2MB}, {@code 1GB}, {@code 64KB}. */
  public String cgroupName() {
    return scaled("GB", "MB", "KB");
  }

  /** The sysfs directory name: {@code hugepages-2048kB}. */
  public String sysfsName() {
    return String.format(Locale.ROOT, SYSFS_PREFIX + "%dkB", bytes >> 10);
  }

  private String scaled(String giga, String mega, String kilo) {
    if (bytes % (1L << 30) == 0) {
      return (bytes >> 30) + giga;
    }
    if (bytes % (1L << 20) == 0) {
      return (bytes >> 20) + mega;
    }
    return (bytes >> 10) + kilo;
  }

  @Override
  public String toString() {
    return name();
  }
}
