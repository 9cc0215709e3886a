package io.isocore.api.v1alpha1;

/** The schema patterns for CPU lists in the Linux list format ({@code 0-3,8,10-11}). */
public final class CpuLists {

  /** A non-empty CPU list. */
  public static final String NON_EMPTY = "^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$";

  /** A CPU list that may be empty. */
  public static final String MAYBE_EMPTY = "^$|^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$";

  /** A Kubernetes hugepage size: {@code 2Mi}, {@code 1Gi}, {@code 64Ki}. */
  public static final String HUGEPAGE_SIZE = "^[1-9][0-9]*(Ki|Mi|Gi)$";

  /**
   * The longest CPU list a schema accepts: every other CPU of a 1024-CPU machine written out
   * ({@code 0,2,4,...}) fits.
   */
  public static final int MAX_LENGTH = 4096;

  /** The largest CPU id: the largest {@code NR_CPUS} a Linux kernel can be built with, less one. */
  public static final int MAX_CPU_ID = 8191;

  /** The most entries a per-CPU (or per-core, per-NUMA-node) list can have: one per CPU id. */
  public static final int MAX_CPUS = MAX_CPU_ID + 1;

  private CpuLists() {}
}
