package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

/**
 * How the node's cgroups are laid out.
 *
 * @param version v1 or v2
 * @param driver systemd or cgroupfs
 * @param kubepodsPath where the kubepods hierarchy lives, relative to the cpuset mount
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CgroupInfo(
    @JsonPropertyDescription("Cgroup version holding the cpuset controller: v1 or v2.")
        CgroupVersion version,
    @JsonPropertyDescription("Cgroup driver of the kubelet: systemd or cgroupfs.")
        CgroupDriver driver,
    @JsonPropertyDescription("Path of the kubepods cgroup, relative to the cpuset hierarchy.")
        @Size(max = 1024)
        String kubepodsPath) {

  /** Cgroup versions. */
  public enum CgroupVersion {
    /** Legacy hierarchies, one per controller. */
    v1,
    /** The unified hierarchy. */
    v2
  }

  /** Cgroup drivers. */
  public enum CgroupDriver {
    /** Slices and scopes managed by systemd (kubepods.slice). */
    systemd,
    /** Plain directories (kubepods/). */
    cgroupfs
  }
}
