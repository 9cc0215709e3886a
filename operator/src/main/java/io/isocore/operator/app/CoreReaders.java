package io.isocore.operator.app;

import io.isocore.operator.model.NodeTopologyMapper;
import io.isocore.operator.model.PodContractException;
import io.isocore.operator.model.PodRequestMapper;
import io.isocore.operator.scheduling.PodRequestReader;
import io.isocore.operator.scheduling.TopologyReader;

/**
 * The scheduler's readers, backed by the operator.model mappers (the same ones {@code plan} uses).
 */
public final class CoreReaders {
  private CoreReaders() {}

  public static TopologyReader topology() {
    return NodeTopologyMapper::toTopology;
  }

  public static PodRequestReader requests() {
    return pod -> {
      try {
        return new PodRequestReader.Valid(PodRequestMapper.toRequest(pod));
      } catch (PodContractException e) {
        return new PodRequestReader.Invalid(e.getMessage());
      }
    };
  }
}
