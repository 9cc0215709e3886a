package io.isocore.core.pod;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A latency pod waiting for placement: what the allocator decides on.
 *
 * @param key the pod's namespace and name
 * @param uid the pod's UID
 * @param tenant the LatencyTenant charged, if any
 * @param containers the app containers, in the pod's order
 * @param alignNic the network interface whose NUMA node the pod must run on (annotation {@code
 *     isocore.io/numa-align-nic}); resolved per node, since the same name sits on different NUMA
 *     nodes on different machines
 * @param memoryBytes the pod's memory request in bytes (containers' requests, a limit where the
 *     request is absent, as Kubernetes counts them); a pod with exclusive CPUs has its memory
 *     pinned to their NUMA node, which must have it free
 */
public record PodRequest(
    PodKey key,
    String uid,
    Optional<String> tenant,
    List<ContainerRequest> containers,
    Optional<String> alignNic,
    long memoryBytes) {

  /** Copies the list; rejects no containers, repeated container names and negative memory. */
  public PodRequest {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(alignNic, "alignNic");
    containers = List.copyOf(containers);
    if (memoryBytes < 0) {
      throw new IllegalArgumentException("pod " + key + " requests negative memory " + memoryBytes);
    }
    if (containers.isEmpty()) {
      throw new IllegalArgumentException("pod " + key + " has no containers");
    }
    Set<String> names = new HashSet<>();
    for (ContainerRequest container : containers) {
      if (!names.add(container.name())) {
        throw new IllegalArgumentException(
            "pod " + key + " names container " + container.name() + " twice");
      }
    }
  }

  /** A request without memory. */
  public PodRequest(
      PodKey key,
      String uid,
      Optional<String> tenant,
      List<ContainerRequest> containers,
      Optional<String> alignNic) {
    this(key, uid, tenant, containers, alignNic, 0);
  }

  /** Returns a request without tenant and NIC alignment. */
  public static PodRequest of(PodKey key, String uid, ContainerRequest... containers) {
    return new PodRequest(key, uid, Optional.empty(), List.of(containers), Optional.empty());
  }

  /** Returns this request charged to {@code tenant}. */
  public PodRequest withTenant(String tenant) {
    return new PodRequest(key, uid, Optional.of(tenant), containers, alignNic, memoryBytes);
  }

  /** Returns this request aligned with the NUMA node of {@code nic}. */
  public PodRequest withAlignNic(String nic) {
    return new PodRequest(key, uid, tenant, containers, Optional.of(nic), memoryBytes);
  }

  /** Returns this request with {@code bytes} of memory. */
  public PodRequest withMemory(long bytes) {
    return new PodRequest(key, uid, tenant, containers, alignNic, bytes);
  }

  /**
   * Returns the memory that counts against the NUMA node of the exclusive cores: all of the pod's
   * memory when it has exclusive CPUs (its memory is pinned there), none otherwise.
   */
  public long pinnedMemoryBytes() {
    return exclusiveCpus() > 0 ? memoryBytes : 0;
  }

  /** Returns the exclusive logical CPUs of all containers. */
  public int exclusiveCpus() {
    return containers.stream().mapToInt(ContainerRequest::exclusiveCpus).sum();
  }

  /** Returns the containers that get CPUs of their own. */
  public List<ContainerRequest> exclusiveContainers() {
    return containers.stream().filter(ContainerRequest::exclusive).toList();
  }

  /** Returns the bytes of hugepages of one page size over all containers. */
  public long hugepageBytes(long pageSizeBytes) {
    return containers.stream()
        .flatMap(c -> c.hugepages().stream())
        .filter(h -> h.pageSizeBytes() == pageSizeBytes)
        .mapToLong(HugepageRequest::bytes)
        .sum();
  }

  /** Returns the page sizes requested, ascending. */
  public Set<Long> hugepageSizes() {
    Set<Long> sizes = new TreeSet<>();
    containers.forEach(c -> c.hugepages().forEach(h -> sizes.add(h.pageSizeBytes())));
    return sizes;
  }
}
