package io.isocore.agent.topology;

import io.isocore.core.node.Degradation;
import io.isocore.core.topology.Topology;
import java.util.List;

/**
 * A topology read from sysfs, with what could not be read.
 *
 * @param topology what was read; parts that failed are left out or defaulted
 * @param degradations the files that could not be used, and why
 */
public record TopologyReading(Topology topology, List<Degradation> degradations) {
  /** Copies the list. */
  public TopologyReading {
    degradations = List.copyOf(degradations);
  }
}
