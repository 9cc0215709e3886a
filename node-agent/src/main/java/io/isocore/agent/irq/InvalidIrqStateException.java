package io.isocore.agent.irq;

import java.nio.file.Path;

/** The IRQ state file cannot be read as this agent writes it; the message names file and line. */
public final class InvalidIrqStateException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code file}. */
  public InvalidIrqStateException(Path file, String problem) {
    super(file + ": " + problem);
  }
}
