package io.isocore.operator.app;

import io.isocore.operator.model.NodeTopologyMapper;
import io.isocore.operator.scheduling.TopologyReader;

/**
 * The scheduler's NodeTopology reader, backed by the operator.model mapper (the same one {@code
 * plan} uses).
 */
public final class CoreReaders {
  private CoreReaders() {}

  public static TopologyReader topology() {
    return NodeTopologyMapper::toTopology;
  }
}
