package io.isocore.core.cpu;

import java.util.BitSet;

/** Reads and writes the kernel's two CPU set formats: lists ({@code 0-3,8}) and hex masks. */
final class CpuListParser {

  private CpuListParser() {}

  static CpuSet parse(String input) {
    if (input == null) {
      throw new CpuListFormatException(null, 0, "expected a CPU list, got null");
    }
    int end = trimmedEnd(input);
    int pos = trimmedStart(input, end);
    BitSet bits = new BitSet();
    if (pos == end) {
      return CpuSet.wrap(bits);
    }
    while (true) {
      int from = readId(input, pos, end);
      pos = afterNumber(input, pos, end);
      int to = from;
      if (pos < end && input.charAt(pos) == '-') {
        int toStart = pos + 1;
        to = readId(input, toStart, end);
        pos = afterNumber(input, toStart, end);
        if (to < from) {
          throw new CpuListFormatException(
              input, toStart, "range " + from + "-" + to + " is reversed");
        }
      }
      bits.set(from, to + 1);
      if (pos == end) {
        return CpuSet.wrap(bits);
      }
      if (input.charAt(pos) != ',') {
        throw new CpuListFormatException(
            input, pos, "expected ',' or '-', found '" + describe(input.charAt(pos)) + "'");
      }
      pos++;
    }
  }

  private static int readId(String input, int pos, int end) {
    if (pos >= end || !isDigit(input.charAt(pos))) {
      String found = pos >= end ? "the end" : "'" + describe(input.charAt(pos)) + "'";
      throw new CpuListFormatException(input, pos, "expected a CPU id, found " + found);
    }
    long value = 0;
    int i = pos;
    while (i < end && isDigit(input.charAt(i))) {
      value = value * 10 + (input.charAt(i) - '0');
      if (value > CpuSet.MAX_CPU_ID) {
        throw new CpuListFormatException(
            input, pos, "CPU id is above the maximum " + CpuSet.MAX_CPU_ID);
      }
      i++;
    }
    return (int) value;
  }

  private static int afterNumber(String input, int pos, int end) {
    int i = pos;
    while (i < end && isDigit(input.charAt(i))) {
      i++;
    }
    return i;
  }

  static CpuSet parseMask(String input) {
    if (input == null) {
      throw new CpuListFormatException(null, 0, "expected a CPU mask, got null");
    }
    int end = trimmedEnd(input);
    int start = trimmedStart(input, end);
    if (start == end) {
      throw new CpuListFormatException(input, start, "expected a hex CPU mask, found nothing");
    }
    BitSet bits = new BitSet();
    int bit = 0;
    int digitsInWord = 0;
    for (int i = end - 1; i >= start; i--) {
      char c = input.charAt(i);
      if (c == ',') {
        if (digitsInWord == 0) {
          throw new CpuListFormatException(input, i, "empty word in CPU mask");
        }
        bit = ((bit + 31) / 32) * 32;
        digitsInWord = 0;
        continue;
      }
      int nibble = Character.digit(c, 16);
      if (nibble < 0) {
        throw new CpuListFormatException(
            input, i, "expected a hex digit or ',', found '" + describe(c) + "'");
      }
      for (int b = 0; b < 4; b++) {
        if ((nibble & (1 << b)) != 0) {
          if (bit + b > CpuSet.MAX_CPU_ID) {
            throw new CpuListFormatException(
                input, i, "mask sets a CPU above the maximum " + CpuSet.MAX_CPU_ID);
          }
          bits.set(bit + b);
        }
      }
      bit += 4;
      digitsInWord++;
    }
    return CpuSet.wrap(bits);
  }

  static String format(BitSet bits) {
    StringBuilder out = new StringBuilder();
    int start = bits.nextSetBit(0);
    while (start >= 0) {
      int stop = bits.nextClearBit(start) - 1;
      if (!out.isEmpty()) {
        out.append(',');
      }
      out.append(start);
      if (stop > start) {
        out.append('-').append(stop);
      }
      start = bits.nextSetBit(stop + 1);
    }
    return out.toString();
  }

  static String formatMask(BitSet bits) {
    int words = Math.max(1, (bits.length() + 31) / 32);
    StringBuilder out = new StringBuilder();
    for (int w = words - 1; w >= 0; w--) {
      int value = 0;
      for (int b = 0; b < 32; b++) {
        if (bits.get(w * 32 + b)) {
          value |= 1 << b;
        }
      }
      out.append(String.format("%08x", value));
      if (w > 0) {
        out.append(',');
      }
    }
    return out.toString();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int trimmedEnd(String s) {
    int end = s.length();
    while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  private static int trimmedStart(String s, int end) {
    int start = 0;
    while (start < end && Character.isWhitespace(s.charAt(start))) {
      start++;
    }
    return start;
  }

  private static String describe(char c) {
    return c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c);
  }
}
