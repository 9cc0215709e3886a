package io.isocore.operator.app;

import io.isocore.operator.catalog.TopologyReader;
import io.isocore.operator.mapping.NodeTopologyMapper;

/**
 * The scheduler's NodeTopology reader, backed by the operator.mapping mapper (the same one {@code
 * plan} uses).
 */
public final class CoreReaders {
  private CoreReaders() {}

  public static TopologyReader topology() {
    return NodeTopologyMapper::toTopology;
  }
}
