package io.isocore.core.node;

import java.util.Optional;

/**
 * How the node's cgroups are laid out, for reporting.
 *
 * @param version {@code v1} or {@code v2}, empty when unknown
 * @param driver {@code systemd} or {@code cgroupfs}, empty when no kubepods cgroup was found
 * @param kubepodsPath the kubepods cgroup relative to the cpuset hierarchy ({@code
 *     /kubepods.slice}), empty when not found
 */
public record CgroupLayout(
    Optional<String> version, Optional<String> driver, Optional<String> kubepodsPath) {

  /** Nothing known. */
  public static CgroupLayout unknown() {
    return new CgroupLayout(Optional.empty(), Optional.empty(), Optional.empty());
  }
}
