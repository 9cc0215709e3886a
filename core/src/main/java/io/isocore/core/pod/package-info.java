/**
 * What a latency pod asks for, as pure values: {@link io.isocore.core.pod.PodRequest} with its
 * {@link io.isocore.core.pod.ContainerRequest}s. The operator maps a Kubernetes pod to these; the
 * allocator and admission decide on them.
 */
package io.isocore.core.pod;
