package io.isocore.operator.catalog;

import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.core.topology.Topology;

/** Reads a NodeTopology's status into the core topology model. */
@FunctionalInterface
public interface TopologyReader {
  /**
   * @throws IllegalArgumentException naming the field when the status cannot be read
   */
  Topology read(NodeTopology nodeTopology);
}
