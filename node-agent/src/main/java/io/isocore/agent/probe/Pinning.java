package io.isocore.agent.probe;

import io.isocore.core.cpu.CpuSet;

/**
 * Moves the probe thread to the CPU it measures and back; {@link #LIBC} where the thread's cgroup
 * allows every CPU, {@link CgroupPinning} in the agent (which runs in a container confined to the
 * shared pool), a fake in tests.
 */
interface Pinning {

  /** Returns the calling thread's affinity. */
  CpuSet current();

  /** Restricts the calling thread to {@code cpus}; throws {@link AffinityException} on refusal. */
  void pin(CpuSet cpus);

  /** Gives the calling thread its CPUs back after a window ({@code home}: its affinity before). */
  default void unpin(CpuSet home) {
    pin(home);
  }

  /**
   * Keeps this process's other threads off {@code isolated} before a window (by affinity): they
   * stay in the shared pool even where the agent's cgroup includes the probed CPUs (cgroup v2).
   */
  default void confineOthers(CpuSet isolated) {}

  /** sched_setaffinity / sched_getaffinity through FFM. */
  Pinning LIBC =
      new Pinning() {
        @Override
        public CpuSet current() {
          return Affinity.currentThread();
        }

        @Override
        public void pin(CpuSet cpus) {
          Affinity.setCurrentThread(cpus);
        }
      };
}
