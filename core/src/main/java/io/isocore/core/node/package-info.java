/**
 * What the node agent read about one node, as plain values: the {@link
 * io.isocore.core.node.NodeSnapshot} of one discovery pass (topology, isolation, environment,
 * cgroup layout, NICs) and the {@link io.isocore.core.node.Degradation}s of files it could not use.
 * No I/O: the agent's readers build these from sysfs and procfs; mapping and publication consume
 * them.
 */
package io.isocore.core.node;
