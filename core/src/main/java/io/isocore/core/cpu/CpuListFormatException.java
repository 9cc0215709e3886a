package io.isocore.core.cpu;

/**
 * A CPU list or mask that cannot be read. The message names the input, the zero-based position of
 * the first bad character and what was expected there, e.g. {@code bad CPU list "1,,2" at position
 * 2: expected a CPU id}.
 */
public final class CpuListFormatException extends IllegalArgumentException {

  private final String input;
  private final int position;

  /** Creates the exception for {@code input}, failing at {@code position}, for {@code reason}. */
  public CpuListFormatException(String input, int position, String reason) {
    super("bad CPU list \"" + printable(input) + "\" at position " + position + ": " + reason);
    this.input = input;
    this.position = position;
  }

  /** Returns the input that failed to parse. */
  public String input() {
    return input;
  }

  /** Returns the zero-based position of the first bad character. */
  public int position() {
    return position;
  }

  private static String printable(String input) {
    if (input == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < input.length() && i < 200; i++) {
      char c = input.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (input.length() > 200) {
      out.append("...");
    }
    return out.toString();
  }
}
