/**
 * Pure reading of a Kubernetes pod: {@link io.isocore.operator.pod.PodResources} (the one reader of
 * a pod's resources: the default scheduler's fit amounts and the isocore request, from one read),
 * {@link io.isocore.operator.pod.PodRequestMapper} (the pod contract per container) and {@link
 * io.isocore.operator.pod.Pods} (bound, terminal, pending for isocore).
 */
package io.isocore.operator.pod;
