package io.isocore.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.api.testing.CrValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Resources the API server must reject, each with the message a user would see. The files live in
 * src/test/resources/invalid.
 */
class InvalidResourcesTest {

  private final CrValidator validator = new CrValidator();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "tenant-zero-tickets.yaml        | $.spec.tickets: must have a minimum value of 1",
        "tenant-no-namespaces.yaml       | $.spec.namespaces: must have at least 1 items but found 0",
        "tenant-missing-tickets.yaml     | $.spec: required property 'tickets' not found",
        "tenant-inflation-reversed.yaml  | inflation.end must be after inflation.start",
        "tenant-inflation-month-13.yaml  | $.spec.inflation.start: does not match the regex pattern",
        "tenant-unknown-field.yaml       | $.spec: property 'ticket' is not defined in the schema",
        "profile-bad-cpu-list.yaml       | $.spec.reservedCpus: does not match the regex pattern",
        "profile-explicit-without-cpus.yaml | isolatedCpus.cpus is required when source is Explicit",
        "profile-kernel-with-cpus.yaml   | isolatedCpus.cpus is only allowed when source is Explicit",
        "profile-unknown-smt-policy.yaml | $.spec.smtPolicy: does not have a value in the enumeration",
        "profile-probe-too-long.yaml     | jitterProbe.durationSeconds must be shorter than intervalSeconds",
        "allocation-exclusive-no-cpus.yaml | cpus is required for Exclusive containers",
        "allocation-bad-hugepage-size.yaml | $.spec.containers[0].hugepages[0].size: does not match",
        "allocation-negative-numa.yaml   | $.spec.numaNode: must have a minimum value of 0",
        "allocation-pod-name-too-long.yaml | $.spec.podName: must be at most 253 characters long",
        "allocation-bad-idle-cpus.yaml   | $.spec.idleCpus: does not match the regex pattern",
      })
  void isRejectedWithAClearMessage(String file, String expected) throws IOException {
    List<String> problems = validator.validateYaml(read("invalid/" + file));
    assertThat(problems).as(file).anySatisfy(p -> assertThat(p).contains(expected));
  }

  private static String read(String resource) throws IOException {
    try (InputStream in =
        InvalidResourcesTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
