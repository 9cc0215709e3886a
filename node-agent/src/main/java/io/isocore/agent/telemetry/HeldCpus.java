package io.isocore.agent.telemetry;

import io.isocore.core.cpu.CpuSet;

/**
 * The CPUs pods hold on this node, as the enforcement side knows them. The probe never starts a
 * window on a held CPU and stops a running one as soon as its CPU becomes held.
 *
 * <p>Implementations should call the registered listeners <em>before</em> a new allocation's
 * cpusets are written (so the probe is gone when the pod starts), and must include the new CPUs in
 * {@link #held()} from then on. Without listeners the probe still polls {@link #held()} every 100
 * ms during a window.
 */
public interface HeldCpus {

  /** Returns the CPUs currently held (or about to be) by pods. */
  CpuSet held();

  /** Registers a callback to run, on any thread, when the held set grows. */
  default void addListener(Runnable onChange) {}
}
