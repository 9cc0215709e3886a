package io.isocore.core.noise;

import java.util.Optional;

/**
 * Where a held (or formerly held) CPU stands against its SLO.
 *
 * @param cpu the CPU
 * @param state its state
 * @param breach while {@link State#NOISY}, the breach that made it noisy; after it measured clean
 *     again, that last breach (so the clean message names what it was); else empty
 */
public record HeldCpuVerdict(int cpu, State state, Optional<HeldNoiseBreach> breach) {

  /** A CPU's state against the SLO. */
  public enum State {
    /** Within the SLO (or above it for less than {@code forSeconds}). */
    CLEAN,
    /** Above the SLO for {@code forSeconds}, and not yet clean for as long. */
    NOISY
  }

  /** Whether the CPU is noisy (and quarantined for new placements). */
  public boolean noisy() {
    return state == State.NOISY;
  }
}
