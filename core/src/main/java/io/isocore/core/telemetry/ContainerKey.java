package io.isocore.core.telemetry;

/**
 * Identifies a container from the kernel's point of view: the pod UID and the runtime's container
 * id, both taken from a process's cgroup path.
 *
 * @param podUid the pod's metadata.uid, dashed form ({@code 0f1e...-...})
 * @param containerId the runtime's 64-hex container id, without a {@code containerd://} prefix
 */
public record ContainerKey(String podUid, String containerId) {}
