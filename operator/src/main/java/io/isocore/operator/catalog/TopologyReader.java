package io.isocore.operator.catalog;

import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.core.topology.Topology;

/**
 * Reads a NodeTopology's status into the core topology model: in production and in {@code plan},
 * {@code io.isocore.mapping.topology.NodeTopologies::toTopology}.
 */
@FunctionalInterface
public interface TopologyReader {
  /**
   * @throws io.isocore.mapping.InvalidResourceException naming the field when the status cannot be
   *     read
   */
  Topology read(NodeTopology nodeTopology);
}
