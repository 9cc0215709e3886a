package io.isocore.operator.app;

import io.isocore.mapping.topology.NodeTopologies;
import io.isocore.operator.catalog.TopologyReader;

/** The scheduler's NodeTopology reader: the mapping module's, the same one {@code plan} uses. */
public final class CoreReaders {
  private CoreReaders() {}

  public static TopologyReader topology() {
    return NodeTopologies::toTopology;
  }
}
