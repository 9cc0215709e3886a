package io.isocore.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.core.cpu.CpuSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Real sched_setaffinity/sched_getaffinity calls through FFM, on a throwaway thread. */
class AffinityTest {

  private static void onFreshThread(Runnable r) throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    r.run();
                  } catch (Throwable e) {
                    failure.set(e);
                  }
                });
    t.join();
    if (failure.get() instanceof Error e) {
      throw e;
    }
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }

  @Test
  void pinsOnlyTheCallingThread() throws Exception {
    CpuSet before = Affinity.currentThread();
    assertThat(before.isEmpty()).isFalse();
    int target = before.last();
    onFreshThread(
        () -> {
          Affinity.setCurrentThread(CpuSet.of(target));
          assertThat(Affinity.currentThread()).isEqualTo(CpuSet.of(target));
          Affinity.setCurrentThread(before);
          assertThat(Affinity.currentThread()).isEqualTo(before);
        });
    // this thread was not touched
    assertThat(Affinity.currentThread()).isEqualTo(before);
  }

  @Test
  void aCpuThatDoesNotExistIsRefusedWithEinval() throws Exception {
    onFreshThread(
        () ->
            assertThatThrownBy(() -> Affinity.setCurrentThread(CpuSet.of(4000)))
                .isInstanceOf(AffinityException.class)
                .hasMessageContaining("errno 22")
                .hasMessageContaining("4000"));
  }
}
