package io.isocore.agent.telemetry;

/**
 * A container as exported in labels.
 *
 * @param namespace the pod's namespace
 * @param pod the pod's name
 * @param container the container's name
 */
public record ContainerRef(String namespace, String pod, String container) {}
