package io.isocore.core.noise;

/** A noise input file could not be read: names the file, the line and what was expected. */
public final class NoiseParseException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param file the file's name ({@code /proc/interrupts})
   * @param line the 1-based line number, 0 when the whole file is at fault
   * @param message what was wrong
   */
  public NoiseParseException(String file, int line, String message) {
    super(file + (line > 0 ? " line " + line : "") + ": " + message);
  }
}
