package io.isocore.core.cpu;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * An immutable set of logical CPU ids, as the Linux kernel lists them ({@code 0-3,8,10-11}).
 *
 * <p>Backed by a {@link BitSet} that never escapes. Every operation returns a new set. Ids range
 * from 0 to {@link #MAX_CPU_ID}, the largest {@code NR_CPUS} a Linux kernel can be built with, so
 * that a typo such as {@code 0-40000} fails loudly instead of allocating a huge set.
 */
public final class CpuSet implements Comparable<CpuSet> {

  /** The largest CPU id accepted: Linux's {@code NR_CPUS} maximum (8192) minus one. */
  public static final int MAX_CPU_ID = 8191;

  private static final CpuSet EMPTY = new CpuSet(new BitSet());

  private final BitSet bits;

  private CpuSet(BitSet bits) {
    this.bits = bits;
  }

  /** Returns the empty set. */
  public static CpuSet empty() {
    return EMPTY;
  }

  /**
   * Returns the set holding the given ids.
   *
   * @throws IllegalArgumentException if an id is negative or above {@link #MAX_CPU_ID}
   */
  public static CpuSet of(int... cpus) {
    BitSet bits = new BitSet();
    for (int cpu : cpus) {
      bits.set(checkId(cpu));
    }
    return wrap(bits);
  }

  /** Returns the set holding the given ids. */
  public static CpuSet of(Collection<Integer> cpus) {
    BitSet bits = new BitSet();
    for (int cpu : cpus) {
      bits.set(checkId(cpu));
    }
    return wrap(bits);
  }

  /** Returns the ids {@code from} to {@code to}, both included. */
  public static CpuSet range(int from, int to) {
    checkId(from);
    checkId(to);
    if (to < from) {
      throw new IllegalArgumentException("CPU range " + from + "-" + to + " is reversed");
    }
    BitSet bits = new BitSet();
    bits.set(from, to + 1);
    return wrap(bits);
  }

  /** Returns a copy of {@code bits} as a set. */
  public static CpuSet fromBitSet(BitSet bits) {
    if (bits.length() > MAX_CPU_ID + 1) {
      throw new IllegalArgumentException(
          "CPU id " + (bits.length() - 1) + " is above the maximum " + MAX_CPU_ID);
    }
    return wrap((BitSet) bits.clone());
  }

  /**
   * Parses the Linux CPU list format: comma-separated ids and inclusive ranges, such as {@code
   * 0-3,8,10-11}. Surrounding white space and a trailing newline are ignored; an empty or blank
   * string is the empty set. Strides ({@code 0-15:2}) are rejected: sysfs never prints them.
   *
   * @throws CpuListFormatException naming the input and the position of the first error
   */
  public static CpuSet parse(String list) {
    return CpuListParser.parse(list);
  }

  /** Parses like {@link #parse} but rejects an empty list. */
  public static CpuSet parseNonEmpty(String list) {
    CpuSet set = parse(list);
    if (set.isEmpty()) {
      throw new CpuListFormatException(list, 0, "an empty CPU list is not allowed here");
    }
    return set;
  }

  /**
   * Parses a kernel hex CPU mask such as {@code 00000000,0000ff0f} (the format of {@code cpumap},
   * {@code thread_siblings} and {@code /proc/irq/N/smp_affinity}): 32-bit words separated by
   * commas, most significant first.
   *
   * @throws CpuListFormatException naming the input and the position of the first error
   */
  public static CpuSet parseMask(String mask) {
    return CpuListParser.parseMask(mask);
  }

  static CpuSet wrap(BitSet bits) {
    return bits.isEmpty() ? EMPTY : new CpuSet(bits);
  }

  static int checkId(int cpu) {
    if (cpu < 0 || cpu > MAX_CPU_ID) {
      throw new IllegalArgumentException(
          "CPU id " + cpu + " is outside 0-" + MAX_CPU_ID + " (Linux NR_CPUS maximum)");
    }
    return cpu;
  }

  /** Returns whether {@code cpu} is in the set. */
  public boolean contains(int cpu) {
    return cpu >= 0 && bits.get(cpu);
  }

  /** Returns whether every CPU of {@code other} is in this set. */
  public boolean containsAll(CpuSet other) {
    BitSet rest = (BitSet) other.bits.clone();
    rest.andNot(bits);
    return rest.isEmpty();
  }

  /** Returns whether the two sets share a CPU. */
  public boolean intersects(CpuSet other) {
    return bits.intersects(other.bits);
  }

  /** Returns the number of CPUs in the set. */
  public int size() {
    return bits.cardinality();
  }

  /** Returns whether the set is empty. */
  public boolean isEmpty() {
    return bits.isEmpty();
  }

  /** Returns the lowest id, or -1 when empty. */
  public int first() {
    return bits.nextSetBit(0);
  }

  /** Returns the highest id, or -1 when empty. */
  public int last() {
    return bits.length() - 1;
  }

  /** Returns the CPUs in either set. */
  public CpuSet union(CpuSet other) {
    BitSet result = (BitSet) bits.clone();
    result.or(other.bits);
    return wrap(result);
  }

  /** Returns the CPUs in both sets. */
  public CpuSet intersection(CpuSet other) {
    BitSet result = (BitSet) bits.clone();
    result.and(other.bits);
    return wrap(result);
  }

  /** Returns the CPUs of this set that are not in {@code other}. */
  public CpuSet minus(CpuSet other) {
    BitSet result = (BitSet) bits.clone();
    result.andNot(other.bits);
    return wrap(result);
  }

  /** Returns this set with {@code cpu} added. */
  public CpuSet with(int cpu) {
    BitSet result = (BitSet) bits.clone();
    result.set(checkId(cpu));
    return wrap(result);
  }

  /** Returns the {@code n} lowest ids of the set. */
  public CpuSet lowest(int n) {
    BitSet result = new BitSet();
    for (int cpu = bits.nextSetBit(0), taken = 0;
        cpu >= 0 && taken < n;
        cpu = bits.nextSetBit(cpu + 1), taken++) {
      result.set(cpu);
    }
    return wrap(result);
  }

  /** Returns the ids in ascending order. */
  public IntStream stream() {
    return bits.stream();
  }

  /** Calls {@code action} for every id in ascending order. */
  public void forEach(IntConsumer action) {
    for (int cpu = bits.nextSetBit(0); cpu >= 0; cpu = bits.nextSetBit(cpu + 1)) {
      action.accept(cpu);
    }
  }

  /** Returns the ids in ascending order. */
  public List<Integer> toList() {
    List<Integer> list = new ArrayList<>(size());
    forEach(list::add);
    return list;
  }

  /** Returns a copy of the backing bits. */
  public BitSet toBitSet() {
    return (BitSet) bits.clone();
  }

  /** Formats the set in the Linux list format, such as {@code 0-3,8,10-11}; empty is "". */
  public String toListString() {
    return CpuListParser.format(bits);
  }

  /**
   * Formats the set as a kernel hex mask, such as {@code 0000ff0f}; 32-bit words, comma-separated.
   */
  public String toMask() {
    return CpuListParser.formatMask(bits);
  }

  /** Orders sets by their lowest differing CPU, so sorting is deterministic. */
  @Override
  public int compareTo(CpuSet other) {
    BitSet diff = (BitSet) bits.clone();
    diff.xor(other.bits);
    int cpu = diff.nextSetBit(0);
    if (cpu < 0) {
      return 0;
    }
    return bits.get(cpu) ? -1 : 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CpuSet other && bits.equals(other.bits);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(bits);
  }

  /** Returns the Linux list format, as {@link #toListString()}. */
  @Override
  public String toString() {
    return toListString();
  }
}
