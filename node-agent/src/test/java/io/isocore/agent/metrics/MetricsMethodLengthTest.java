package io.isocore.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.attribute.LineNumberInfo;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No method of the metrics package spans more than 60 source lines (STYLE: one job per method; a
 * metric family per method). Measured from the compiled line tables: the span runs from a method's
 * first to its last line; a lambda is measured on its own and within its method.
 */
class MetricsMethodLengthTest {

  private static final int MAX_LINES = 60;

  @Test
  void everyMethodOfTheMetricsPackageFitsInSixtyLines() throws Exception {
    List<String> tooLong = new ArrayList<>();
    int methods = 0;
    for (Path file : classFiles()) {
      ClassModel model = ClassFile.of().parse(file);
      for (MethodModel method : model.methods()) {
        int span = span(method);
        if (span > 0) {
          methods++;
        }
        if (span > MAX_LINES) {
          tooLong.add(
              model.thisClass().asInternalName()
                  + "."
                  + method.methodName().stringValue()
                  + ": "
                  + span
                  + " lines");
        }
      }
    }
    assertThat(methods).as("methods measured").isGreaterThan(20);
    assertThat(tooLong).as("methods over %d lines", MAX_LINES).isEmpty();
  }

  private static int span(MethodModel method) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    CodeAttribute code = method.findAttribute(Attributes.code()).orElse(null);
    if (code == null) {
      return 0;
    }
    for (var table : code.findAttributes(Attributes.lineNumberTable())) {
      for (LineNumberInfo line : table.lineNumbers()) {
        min = Math.min(min, line.lineNumber());
        max = Math.max(max, line.lineNumber());
      }
    }
    return min > max ? 0 : max - min + 1;
  }

  private static List<Path> classFiles() throws IOException, URISyntaxException {
    Path dir =
        Path.of(NodeMetrics.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("io/isocore/agent/metrics");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
    }
  }
}
