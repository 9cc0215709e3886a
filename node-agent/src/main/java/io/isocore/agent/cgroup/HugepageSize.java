package io.isocore.agent.cgroup;

import java.util.Locale;

/**
 * A hugepage size and the names the kernel gives it.
 *
 * @param quantity the Kubernetes name, {@code 2Mi} or {@code 1Gi}
 * @param bytes the page size in bytes
 */
public record HugepageSize(String quantity, long bytes) {

  /** 2 MiB pages. */
  public static final HugepageSize TWO_MI = new HugepageSize("2Mi", 2L << 20);

  /** 1 GiB pages. */
  public static final HugepageSize ONE_GI = new HugepageSize("1Gi", 1L << 30);

  /**
   * Parses {@code 2Mi}, {@code 1Gi} and other {@code <n>Ki|Mi|Gi} sizes.
   *
   * @throws IllegalArgumentException naming the value
   */
  public static HugepageSize parse(String quantity) {
    String q = quantity.strip();
    if (q.length() < 3) {
      throw new IllegalArgumentException("hugepage size '" + quantity + "' is not <n>Ki|Mi|Gi");
    }
    long unit =
        switch (q.substring(q.length() - 2)) {
          case "Ki" -> 1L << 10;
          case "Mi" -> 1L << 20;
          case "Gi" -> 1L << 30;
          default ->
              throw new IllegalArgumentException(
                  "hugepage size '" + quantity + "' is not <n>Ki|Mi|Gi");
        };
    try {
      return new HugepageSize(q, Long.parseLong(q.substring(0, q.length() - 2)) * unit);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("hugepage size '" + quantity + "' is not <n>Ki|Mi|Gi", e);
    }
  }

  /** The name in hugetlb cgroup files: {@code 2MB}, {@code 1GB}, {@code 64KB}. */
  public String cgroupName() {
    if (bytes % (1L << 30) == 0) {
      return bytes / (1L << 30) + "GB";
    }
    if (bytes % (1L << 20) == 0) {
      return bytes / (1L << 20) + "MB";
    }
    return bytes / 1024 + "KB";
  }

  /** The sysfs directory name: {@code hugepages-2048kB}. */
  public String sysfsName() {
    return String.format(Locale.ROOT, "hugepages-%dkB", bytes / 1024);
  }
}
