package io.isocore.core.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpuSetTest {

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0-3,8,10-11 | 0-3,8,10-11",
        "0          | 0",
        "3,1,2      | 1-3",
        "0-1,2-3    | 0-3",
        "5-5        | 5",
        "0-3,2-5    | 0-5",
        "' 4-7\n'   | 4-7",
        "8191       | 8191",
      })
  void parsesAndNormalisesTheLinuxListFormat(String input, String expected) {
    assertThat(CpuSet.parse(input).toListString()).isEqualTo(expected);
  }

  @Test
  void emptyAndBlankListsAreTheEmptySet() {
    assertThat(CpuSet.parse("")).isEqualTo(CpuSet.empty());
    assertThat(CpuSet.parse(" \n")).isEqualTo(CpuSet.empty());
    assertThat(CpuSet.empty().toListString()).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\" fails at {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "3-1        | 2  | range 3-1 is reversed",
        "1,,2       | 2  | expected a CPU id, found ','",
        "a          | 0  | expected a CPU id, found 'a'",
        "1-         | 2  | expected a CPU id, found the end",
        "1,         | 2  | expected a CPU id, found the end",
        "-1         | 0  | expected a CPU id, found '-'",
        "0-15:2     | 4  | expected ',' or '-', found ':'",
        "8192       | 0  | above the maximum 8191",
        "99999999999| 0  | above the maximum 8191",
        "1 2        | 1  | expected ',' or '-', found ' '",
      })
  void badListsNameTheInputAndPosition(String input, int position, String reason) {
    assertThatThrownBy(() -> CpuSet.parse(input))
        .isInstanceOfSatisfying(
            CpuListFormatException.class,
            e -> {
              assertThat(e.position()).isEqualTo(position);
              assertThat(e.input()).isEqualTo(input);
            })
        .hasMessageContaining("\"" + input + "\"")
        .hasMessageContaining("position " + position)
        .hasMessageContaining(reason);
  }

  @Test
  void strayNulBytesAreRejectedAndPrintedVisibly() {
    assertThatThrownBy(() -> CpuSet.parse("0-3\u0000"))
        .isInstanceOf(CpuListFormatException.class)
        .hasMessageContaining("0-3\\x00")
        .hasMessageContaining("position 3");
  }

  @Test
  void parseNonEmptyRejectsEmpty() {
    assertThatThrownBy(() -> CpuSet.parseNonEmpty(""))
        .isInstanceOf(CpuListFormatException.class)
        .hasMessageContaining("empty CPU list is not allowed");
  }

  @ParameterizedTest(name = "mask {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "00000001                    | 0",
        "ff                          | 0-7",
        "0000ff0f                    | 0-3,8-15",
        "00000001,00000000           | 32",
        "80000000,00000000,00000001  | 0,95",
        "'00000003\n'                | 0-1",
        "0                           | ''",
      })
  void parsesKernelHexMasks(String mask, String expected) {
    assertThat(CpuSet.parseMask(mask).toListString()).isEqualTo(expected == null ? "" : expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"0000zz00 | 5", "00,,00 | 2", "'' | 0"})
  void badMasksNameThePosition(String mask, int position) {
    assertThatThrownBy(() -> CpuSet.parseMask(mask == null ? "" : mask))
        .isInstanceOf(CpuListFormatException.class)
        .hasMessageContaining("position " + position);
  }

  @Test
  void formatsMasksInThirtyTwoBitWords() {
    assertThat(CpuSet.parse("0-3,8-15").toMask()).isEqualTo("0000ff0f");
    assertThat(CpuSet.parse("0,95").toMask()).isEqualTo("80000000,00000000,00000001");
    assertThat(CpuSet.empty().toMask()).isEqualTo("00000000");
  }

  @Test
  void setAlgebra() {
    CpuSet a = CpuSet.parse("0-7");
    CpuSet b = CpuSet.parse("4-11");
    assertThat(a.union(b)).isEqualTo(CpuSet.range(0, 11));
    assertThat(a.intersection(b)).isEqualTo(CpuSet.range(4, 7));
    assertThat(a.minus(b)).isEqualTo(CpuSet.range(0, 3));
    assertThat(a.containsAll(CpuSet.of(1, 2))).isTrue();
    assertThat(a.containsAll(b)).isFalse();
    assertThat(a.intersects(b)).isTrue();
    assertThat(a.lowest(3)).isEqualTo(CpuSet.of(0, 1, 2));
    assertThat(a.first()).isZero();
    assertThat(a.last()).isEqualTo(7);
    assertThat(CpuSet.empty().first()).isEqualTo(-1);
  }

  @Test
  void isImmutable() {
    CpuSet a = CpuSet.of(1, 2);
    a.toBitSet().set(5);
    a.with(9);
    assertThat(a).isEqualTo(CpuSet.of(1, 2));
  }

  @Test
  void rejectsIdsOutOfBounds() {
    assertThatThrownBy(() -> CpuSet.of(-1)).hasMessageContaining("CPU id -1");
    assertThatThrownBy(() -> CpuSet.of(8192)).hasMessageContaining("CPU id 8192");
    assertThatThrownBy(() -> CpuSet.range(5, 2)).hasMessageContaining("reversed");
  }

  @Test
  void ordersByLowestDifferingCpu() {
    assertThat(CpuSet.of(0, 5).compareTo(CpuSet.of(1))).isNegative();
    assertThat(CpuSet.of(2).compareTo(CpuSet.of(1, 9))).isPositive();
    assertThat(CpuSet.of(3).compareTo(CpuSet.of(3))).isZero();
  }
}
