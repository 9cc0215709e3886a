package io.isocore.quickstart.kubelet;

import java.util.List;

/**
 * A pod the kubelet stand-in runs.
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param uid the pod's uid
 * @param sandboxId the runtime's sandbox id (empty for local processes)
 * @param containers its containers
 */
public record RunningPod(
    String namespace,
    String name,
    String uid,
    String sandboxId,
    List<RunningContainer> containers) {}
