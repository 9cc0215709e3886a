package io.isocore.agent.enforce;

import io.isocore.core.cpu.CpuSet;
import java.util.Optional;

/**
 * The hot thread alone: a pod annotated {@code isocore.io/hot-thread: <container>} asks for that
 * exclusive container's cpuset to be its exclusive CPUs plus the shared pool, so the process can
 * keep one hot thread on the exclusive CPUs (which the pod reads from its Binding's {@code
 * isocore.io/exclusive-cpus.<container>} annotation before it starts) and its other threads (GC,
 * JIT, housekeeping) on the shared pool, by affinity. No other container ever gets the exclusive
 * CPUs; the container's own other threads are the process's to keep off them. The start hook
 * applies the same union before the container's first instruction.
 */
public final class HotThreads {

  /** The pod annotation naming the hot-thread container. */
  public static final String ANNOTATION = "isocore.io/hot-thread";

  /** Which container of an allocation, by its key ({@code namespace/name}), is a hot-thread one. */
  @FunctionalInterface
  public interface Source {
    /** Returns the container the allocation's pod names, when it names one. */
    Optional<String> container(String allocationKey);
  }

  private HotThreads() {}

  /** No pod asks for it. */
  public static Source none() {
    return key -> Optional.empty();
  }

  /** Reads the annotation from the allocation's pod in {@code objects} (its name is the key's). */
  public static Source of(NodeObjects objects) {
    return key -> {
      int slash = key.indexOf('/');
      if (slash < 0) {
        return Optional.empty();
      }
      return objects
          .pod(key.substring(0, slash), key.substring(slash + 1))
          .map(p -> p.getMetadata().getAnnotations())
          .map(a -> a.get(ANNOTATION))
          .filter(name -> !name.isBlank());
    };
  }

  /**
   * The cpuset of an exclusive container: its CPUs, plus the shared pool when it is its pod's
   * hot-thread container.
   */
  public static CpuSet cpuset(boolean hot, CpuSet exclusive, CpuSet shared) {
    return hot ? exclusive.union(shared) : exclusive;
  }
}
