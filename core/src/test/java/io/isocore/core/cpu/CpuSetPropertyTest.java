package io.isocore.core.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Random sets with fixed seeds: reproducible, and a failure names its seed. */
class CpuSetPropertyTest {

  static Stream<Long> seeds() {
    return IntStream.range(0, 500).mapToObj(i -> 0x15C0_0000L + i);
  }

  private static BitSet randomBits(Random random) {
    BitSet bits = new BitSet();
    int bound =
        switch (random.nextInt(4)) {
          case 0 -> 8;
          case 1 -> 64;
          case 2 -> 300;
          default -> CpuSet.MAX_CPU_ID + 1;
        };
    int density = 1 + random.nextInt(10);
    int count = random.nextInt(bound / density + 1);
    for (int i = 0; i < count; i++) {
      int start = random.nextInt(bound);
      int length = random.nextBoolean() ? 1 : 1 + random.nextInt(16);
      bits.set(start, Math.min(bound, start + length));
    }
    return bits;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void parseOfFormatIsIdentity(long seed) {
    CpuSet set = CpuSet.fromBitSet(randomBits(new Random(seed)));
    assertThat(CpuSet.parse(set.toListString())).isEqualTo(set);
    assertThat(CpuSet.parseMask(set.toMask())).isEqualTo(set);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void operationsAgreeWithBitSet(long seed) {
    Random random = new Random(seed);
    BitSet a = randomBits(random);
    BitSet b = randomBits(random);
    CpuSet x = CpuSet.fromBitSet(a);
    CpuSet y = CpuSet.fromBitSet(b);

    BitSet or = (BitSet) a.clone();
    or.or(b);
    BitSet and = (BitSet) a.clone();
    and.and(b);
    BitSet andNot = (BitSet) a.clone();
    andNot.andNot(b);

    assertThat(x.union(y).toBitSet()).isEqualTo(or);
    assertThat(x.intersection(y).toBitSet()).isEqualTo(and);
    assertThat(x.minus(y).toBitSet()).isEqualTo(andNot);
    assertThat(x.size()).isEqualTo(a.cardinality());
    assertThat(x.intersects(y)).isEqualTo(a.intersects(b));
    assertThat(x.containsAll(x.intersection(y))).isTrue();
    assertThat(x.stream().toArray()).isEqualTo(a.stream().toArray());
    assertThat(x.equals(y)).isEqualTo(a.equals(b));
    assertThat(Integer.signum(x.compareTo(y)) == 0).isEqualTo(a.equals(b));
  }
}
