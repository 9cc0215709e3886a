package io.isocore.operator.app;

import io.isocore.operator.scheduling.PodRequestReader;
import io.isocore.operator.scheduling.TopologyReader;

/** The production readers: the operator.model mappers. */
final class CoreReaders {
  private CoreReaders() {}

  static TopologyReader topology() {
    // TODO(operator-k8s): wire io.isocore.operator.model once the core helper commits it.
    throw new UnsupportedOperationException("operator.model NodeTopology mapper not wired yet");
  }

  static PodRequestReader requests() {
    throw new UnsupportedOperationException("operator.model pod mapper not wired yet");
  }
}
