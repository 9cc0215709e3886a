/**
 * Pure mappers from Kubernetes and isocore resources to the core model: {@link
 * io.isocore.operator.model.PodRequestMapper} (the pod contract) and {@link
 * io.isocore.operator.model.NodeTopologyMapper} (NodeTopology status to core Topology).
 */
package io.isocore.operator.model;
