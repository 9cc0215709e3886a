package io.isocore.agent.metrics;

import io.isocore.agent.telemetry.ContainerRef;
import io.isocore.core.cpu.CpuSet;
import java.util.Map;

/**
 * What the agent knows about this node's CPU roles and allocations, for the node gauges.
 * Implemented by the side that watches the IsolationProfile and this node's CoreAllocations; the
 * default (all empty) is replaced as soon as such a bean exists.
 */
public interface NodeCpuView {

  /** A pod, for per-allocation series. */
  record PodRef(String namespace, String pod) {}

  /** The profile's isolated CPUs on this node. */
  CpuSet isolated();

  /** CPUs reserved for the system and kubelet. */
  CpuSet reserved();

  /** The shared pool: CPUs ordinary pods run on. */
  CpuSet shared();

  /** Every exclusively held CPU and the container holding it. */
  Map<Integer, ContainerRef> exclusive();

  /**
   * Seconds since each of this node's CoreAllocations was created, for those not yet Applied; 0 for
   * Applied ones (so the series exists and drops to 0 rather than vanishing).
   */
  Map<PodRef, Double> notAppliedSeconds();

  /** The empty view: nothing known yet. */
  NodeCpuView EMPTY =
      new NodeCpuView() {
        @Override
        public CpuSet isolated() {
          return CpuSet.empty();
        }

        @Override
        public CpuSet reserved() {
          return CpuSet.empty();
        }

        @Override
        public CpuSet shared() {
          return CpuSet.empty();
        }

        @Override
        public Map<Integer, ContainerRef> exclusive() {
          return Map.of();
        }

        @Override
        public Map<PodRef, Double> notAppliedSeconds() {
          return Map.of();
        }
      };
}
