package io.isocore.core.enforce;

import io.isocore.core.cpu.CpuSet;
import java.util.Objects;

/**
 * One write of a plan.
 *
 * @param cgroup the cgroup path relative to the hierarchy root, such as {@code
 *     kubepods/burstable/pod1234/abcd}
 * @param file which file
 * @param value the list written
 */
public record CgroupWrite(String cgroup, CpusetFile file, CpuSet value) {

  /** Validates that no component is null. */
  public CgroupWrite {
    Objects.requireNonNull(cgroup, "cgroup");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return cgroup + " " + file + "=" + value;
  }
}
