package io.isocore.agent.enforce;

/**
 * What a latency pod's pod-level CFS weight is computed from (see core's {@code PodCpuWeight}).
 *
 * @param requestMilli the pod's CPU request in millicores, summed as the kubelet sums it
 * @param tickets the pod's tickets after transfers (own − lent + received, at least 1); 0 when the
 *     tenant is unknown
 * @param lent tickets this pod lends to another pod
 * @param received tickets other pods on this node lend to it
 */
public record PodShare(long requestMilli, long tickets, long lent, long received) {}
