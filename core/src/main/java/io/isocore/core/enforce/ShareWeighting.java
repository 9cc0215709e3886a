package io.isocore.core.enforce;

/**
 * Where a tenant's tickets become a CFS weight on the shared pool (an IsolationProfile's {@code
 * shareWeighting}).
 */
public enum ShareWeighting {
  /**
   * On the shared containers' own cgroups: ranks a pod's containers against each other only; the
   * pod cgroups keep the kubelet's weight (the behaviour before pod weighting existed).
   */
  CONTAINER,
  /**
   * Also on the pod cgroup of every latency pod with a shared container: the kubelet's weight times
   * the tenant's ticket factor ({@link PodCpuWeight}), so pods compete in proportion to tickets.
   */
  POD
}
