/**
 * Pure translations between isocore custom resources and the core model: {@link
 * io.isocore.operator.mapping.CoreAllocations} (CoreAllocation both ways) and {@link
 * io.isocore.operator.mapping.NodeTopologyMapper} (NodeTopology status to core Topology). They move
 * to the shared {@code mapping} module.
 */
package io.isocore.operator.mapping;
