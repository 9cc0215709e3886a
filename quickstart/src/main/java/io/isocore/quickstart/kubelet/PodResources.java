package io.isocore.quickstart.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The cgroup values the kubelet derives from a pod's requests and limits (its cgroupfs driver with
 * the {@code none} CPU manager policy): CPU shares from requests, a CFS quota from CPU limits, a
 * memory limit, and the QoS class that places the pod cgroup. Never a cpuset: that is isocore's.
 *
 * @param cpuShares cpu.shares (the kubelet's minimum is 2)
 * @param cpuQuotaMicros cpu.cfs_quota_us for a 100 ms period; 0 when a container has no CPU limit
 * @param memoryLimitBytes memory.limit_in_bytes; 0 when a container has no memory limit
 */
public record PodResources(long cpuShares, long cpuQuotaMicros, long memoryLimitBytes) {

  /** The CFS period the kubelet uses. */
  public static final long CPU_PERIOD_MICROS = 100_000;

  private static final long MIN_SHARES = 2;

  /** Returns the values of one container (what the kubelet sends in CreateContainer). */
  public static PodResources of(Container container) {
    Map<String, Quantity> requests = requests(container);
    Map<String, Quantity> limits = limits(container);
    long cpuLimit = milli(limits.get("cpu"));
    return new PodResources(
        shares(milli(requests.getOrDefault("cpu", limits.get("cpu")))),
        cpuLimit * CPU_PERIOD_MICROS / 1000,
        bytes(limits.get("memory")));
  }

  /** Returns the values of the pod cgroup: sums over its containers. */
  public static PodResources of(Pod pod) {
    List<Container> containers = pod.getSpec().getContainers();
    long requestMilli = 0;
    long quota = 0;
    long memory = 0;
    boolean allCpuLimits = true;
    boolean allMemoryLimits = true;
    for (Container c : containers) {
      requestMilli += milli(requests(c).getOrDefault("cpu", limits(c).get("cpu")));
      long cpuLimit = milli(limits(c).get("cpu"));
      long memLimit = bytes(limits(c).get("memory"));
      allCpuLimits &= cpuLimit > 0;
      allMemoryLimits &= memLimit > 0;
      quota += cpuLimit * CPU_PERIOD_MICROS / 1000;
      memory += memLimit;
    }
    return new PodResources(
        shares(requestMilli), allCpuLimits ? quota : 0, allMemoryLimits ? memory : 0);
  }

  /**
   * Returns the pod's QoS directory under kubepods: "" (Guaranteed), "burstable/", "besteffort/".
   */
  public static String qosDir(Pod pod) {
    boolean guaranteed = true;
    boolean bestEffort = true;
    for (Container c : pod.getSpec().getContainers()) {
      Map<String, Quantity> requests = requests(c);
      Map<String, Quantity> limits = limits(c);
      bestEffort &= requests.isEmpty() && limits.isEmpty();
      for (String resource : List.of("cpu", "memory")) {
        Quantity limit = limits.get(resource);
        Quantity request = requests.getOrDefault(resource, limit);
        guaranteed &= limit != null && limit.equals(request);
      }
    }
    return guaranteed ? "" : bestEffort ? "besteffort/" : "burstable/";
  }

  /** The pod cgroup in the kubelet's cgroupfs layout, relative to the cgroup root. */
  public static String podCgroup(Pod pod) {
    return "kubepods/" + qosDir(pod) + "pod" + pod.getMetadata().getUid();
  }

  private static long shares(long milli) {
    return Math.max(MIN_SHARES, milli * 1024 / 1000);
  }

  private static long milli(Quantity q) {
    return q == null
        ? 0
        : Quantity.getAmountInBytes(q).multiply(BigDecimal.valueOf(1000)).longValue();
  }

  private static long bytes(Quantity q) {
    return q == null ? 0 : Quantity.getAmountInBytes(q).longValue();
  }

  private static Map<String, Quantity> requests(Container c) {
    return c.getResources() == null || c.getResources().getRequests() == null
        ? Map.of()
        : c.getResources().getRequests();
  }

  private static Map<String, Quantity> limits(Container c) {
    return c.getResources() == null || c.getResources().getLimits() == null
        ? Map.of()
        : c.getResources().getLimits();
  }
}
