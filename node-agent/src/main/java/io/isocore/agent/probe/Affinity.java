package io.isocore.agent.probe;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.isocore.core.cpu.CpuSet;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.BitSet;

/**
 * The calling thread's CPU affinity through libc's {@code sched_setaffinity} and {@code
 * sched_getaffinity}, called with the Foreign Function & Memory API. Pid 0 means the calling thread
 * (not the process) for these calls, which is what pins only the probe thread.
 */
public final class Affinity {

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final FunctionDescriptor SIGNATURE =
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS);
  private static final MethodHandle SET = handle("sched_setaffinity");
  private static final MethodHandle GET = handle("sched_getaffinity");

  private Affinity() {}

  private static MethodHandle handle(String name) {
    return LINKER.downcallHandle(
        LINKER
            .defaultLookup()
            .find(name)
            .orElseThrow(() -> new IllegalStateException("libc has no " + name)),
        SIGNATURE,
        Linker.Option.captureCallState("errno"));
  }

  /** Bytes of a cpu_set_t able to hold {@code cpus}: at least glibc's 1024-bit default. */
  private static long maskBytes(int highestCpu) {
    return Math.max(128, ((long) highestCpu / 64 + 1) * 8);
  }

  /**
   * Restricts the calling thread to {@code cpus}.
   *
   * @throws AffinityException with errno when the kernel refuses (EINVAL: none of the CPUs is
   *     online or allowed by this thread's cpuset cgroup)
   */
  public static void setCurrentThread(CpuSet cpus) {
    setThread(0, cpus);
  }

  /**
   * Restricts thread {@code tid} of this process (0: the calling thread) to {@code cpus}.
   *
   * @throws AffinityException with errno when the kernel refuses
   */
  static void setThread(long tid, CpuSet cpus) {
    if (cpus.isEmpty()) {
      throw new IllegalArgumentException("cannot pin a thread to an empty CPU set");
    }
    long bytes = maskBytes(cpus.last());
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment mask = arena.allocate(bytes, 8);
      long[] words = cpus.toBitSet().toLongArray();
      for (int i = 0; i < words.length; i++) {
        mask.setAtIndex(JAVA_LONG, i, words[i]);
      }
      MemorySegment capture = arena.allocate(CAPTURE);
      int rc = (int) SET.invokeExact(capture, (int) tid, bytes, mask);
      if (rc != 0) {
        throw new AffinityException(
            "sched_setaffinity(" + tid + ", " + cpus.toListString() + ")",
            (int) ERRNO.get(capture, 0L));
      }
    } catch (AffinityException | IllegalArgumentException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("sched_setaffinity downcall failed", t);
    }
  }

  /** Returns the calling thread's current affinity. */
  static CpuSet currentThread() {
    return ofThread(0);
  }

  /** Returns the affinity of thread {@code tid} of this process (0: the calling thread). */
  static CpuSet ofThread(long tid) {
    long bytes = maskBytes(CpuSet.MAX_CPU_ID);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment mask = arena.allocate(bytes, 8);
      MemorySegment capture = arena.allocate(CAPTURE);
      int rc = (int) GET.invokeExact(capture, (int) tid, bytes, mask);
      if (rc != 0) {
        throw new AffinityException("sched_getaffinity(" + tid + ")", (int) ERRNO.get(capture, 0L));
      }
      return CpuSet.fromBitSet(BitSet.valueOf(mask.toArray(JAVA_LONG)));
    } catch (AffinityException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("sched_getaffinity downcall failed", t);
    }
  }
}
