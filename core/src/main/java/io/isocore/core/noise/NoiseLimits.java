package io.isocore.core.noise;

import java.util.List;

/** Bounds every noise parser enforces, so a hostile or corrupt file cannot exhaust memory. */
public final class NoiseLimits {

  /** Highest CPU id accepted (the kernel's NR_CPUS ceiling). */
  public static final int MAX_CPU_ID = 8191;

  /** Most lines read from one file. */
  public static final int MAX_LINES = 200_000;

  /** Longest source name kept; longer names are cut. */
  public static final int MAX_NAME = 63;

  private NoiseLimits() {}

  /** Splits {@code text} into lines, failing when there are more than {@link #MAX_LINES}. */
  static List<String> lines(String file, String text) {
    List<String> lines = text.lines().limit(MAX_LINES + 1L).toList();
    if (lines.size() > MAX_LINES) {
      throw new NoiseParseException(file, 0, "more than " + MAX_LINES + " lines");
    }
    return lines;
  }

  /** Parses a CPU id, failing when it is not a number in 0..{@link #MAX_CPU_ID}. */
  static int cpu(String file, int line, String token) {
    if (!isDigits(token) || token.length() > 5 || Integer.parseInt(token) > MAX_CPU_ID) {
      throw new NoiseParseException(
          file, line, "expected a CPU id in 0.." + MAX_CPU_ID + ", found '" + token + "'");
    }
    return Integer.parseInt(token);
  }

  /** Parses an unsigned decimal counter. */
  static long counter(String file, int line, String token) {
    if (!isDigits(token) || token.length() > 20) {
      throw new NoiseParseException(file, line, "expected a counter, found '" + token + "'");
    }
    return Long.parseUnsignedLong(token);
  }

  /** Cuts a name to {@link #MAX_NAME} characters. */
  static String name(String raw) {
    return raw.length() <= MAX_NAME ? raw : raw.substring(0, MAX_NAME);
  }

  static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
