/**
 * NodeTopology: the agent's {@code NodeSnapshot} into the published status ({@link
 * io.isocore.mapping.topology.NodeTopologies#toStatus}) and the status back into core's {@code
 * Topology} ({@link io.isocore.mapping.topology.NodeTopologies#toTopology}).
 */
package io.isocore.mapping.topology;
