package io.isocore.agent.probe;

import io.isocore.core.cpu.CpuSet;

/** Moves the calling thread between CPUs; {@link #LIBC} in production, a fake in tests. */
interface Pinning {

  /** Returns the calling thread's affinity. */
  CpuSet current();

  /** Restricts the calling thread to {@code cpus}; throws {@link AffinityException} on refusal. */
  void pin(CpuSet cpus);

  /** sched_getaffinity / sched_setaffinity through FFM. */
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
