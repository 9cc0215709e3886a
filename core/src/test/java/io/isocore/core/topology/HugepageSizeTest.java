package io.isocore.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HugepageSizeTest {

  @ParameterizedTest
  @CsvSource({
    "2Mi, 2097152, 2MB, hugepages-2048kB",
    "1Gi, 1073741824, 1GB, hugepages-1048576kB",
    "64Ki, 65536, 64KB, hugepages-64kB",
    "16Gi, 17179869184, 16GB, hugepages-16777216kB"
  })
  void everySpellingOfOneSize(String name, long bytes, String cgroup, String sysfs) {
    HugepageSize size = HugepageSize.parseStrict(name);
    assertThat(size.bytes()).isEqualTo(bytes);
    assertThat(size.name()).isEqualTo(name);
    assertThat(size.cgroupName()).isEqualTo(cgroup);
    assertThat(size.sysfsName()).isEqualTo(sysfs);
    assertThat(HugepageSize.fromSysfsName(sysfs)).contains(size);
    assertThat(HugepageSizes.name(bytes)).isEqualTo(name);
    assertThat(HugepageSizes.parse(name)).contains(bytes);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "2", "Mi", "2M", "2MB", "0Mi", "-2Mi", "x2Mi", "9223372036854775807Gi"})
  void notASize(String text) {
    assertThat(HugepageSize.parse(text)).isEmpty();
    assertThatThrownBy(() -> HugepageSize.parseStrict(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hugepages-kB", "hugepages-0kB", "hugepages-2048", "huge-2048kB"})
  void notASysfsName(String text) {
    assertThat(HugepageSize.fromSysfsName(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, 1000})
  void bytesMustBeWholeKib(long bytes) {
    assertThatThrownBy(() -> new HugepageSize(bytes)).hasMessageContaining(Long.toString(bytes));
  }
}
