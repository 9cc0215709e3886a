package io.isocore.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.isocore.report.testing.ResultFixtures;
import java.io.IOException;
import java.util.List;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;

class RatioChartTest {

  @Test
  void ratiosAreTheBaselineOverTheOtherRunFigureByFigure() throws IOException {
    ReportInput input = ResultReader.read(List.of(ResultFixtures.resource("isolation")));
    DefaultCategoryDataset ratios = RatioChart.ratios(input.runs());
    assertThat(ratios.getRowKeys()).containsExactly("isocore off / isocore on");
    String row = "isocore off / isocore on";
    assertThat(ratios.getValue(row, "involuntary context switches").doubleValue())
        .isCloseTo(3553.0 / 2013, within(1e-9));
    assertThat(ratios.getValue(row, RunReader.MAX).doubleValue())
        .isCloseTo(140.0 / 1189, within(1e-9));
    assertThat(ratios.getColumnKeys()).hasSize(6);
  }
}
