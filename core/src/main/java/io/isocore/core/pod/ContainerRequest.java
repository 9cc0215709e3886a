package io.isocore.core.pod;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one container of a latency pod asks for.
 *
 * <p>CPUs are counted as Kubernetes counts them: logical CPUs. How many physical cores that takes
 * depends on the node's SMT policy (see {@code io.isocore.core.alloc.SmtPolicy}).
 *
 * @param name the container name
 * @param exclusiveCpus the logical CPUs it needs for itself; 0 means it runs on the shared pool
 * @param hugepages hugepages per page size, at most one entry per size
 */
public record ContainerRequest(String name, int exclusiveCpus, List<HugepageRequest> hugepages) {

  /** Copies the list and rejects a blank name, a negative CPU count and repeated page sizes. */
  public ContainerRequest {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a container needs a name");
    }
    if (exclusiveCpus < 0) {
      throw new IllegalArgumentException(
          "container " + name + ": exclusive CPUs must not be negative, got " + exclusiveCpus);
    }
    hugepages = List.copyOf(hugepages);
    Set<Long> sizes = new HashSet<>();
    for (HugepageRequest request : hugepages) {
      if (!sizes.add(request.pageSizeBytes())) {
        throw new IllegalArgumentException(
            "container " + name + ": hugepages-" + request.sizeName() + " is requested twice");
      }
    }
  }

  /** Returns a container that needs {@code cpus} exclusive logical CPUs and no hugepages. */
  public static ContainerRequest exclusive(String name, int cpus) {
    if (cpus <= 0) {
      throw new IllegalArgumentException(
          "container " + name + ": an exclusive container needs at least 1 CPU, got " + cpus);
    }
    return new ContainerRequest(name, cpus, List.of());
  }

  /** Returns a container on the shared pool without hugepages. */
  public static ContainerRequest shared(String name) {
    return new ContainerRequest(name, 0, List.of());
  }

  /** Returns this container with {@code hugepages} added. */
  public ContainerRequest withHugepages(HugepageRequest... more) {
    List<HugepageRequest> all = new java.util.ArrayList<>(hugepages);
    all.addAll(List.of(more));
    return new ContainerRequest(name, exclusiveCpus, all);
  }

  /** Returns whether the container gets CPUs of its own. */
  public boolean exclusive() {
    return exclusiveCpus > 0;
  }
}
