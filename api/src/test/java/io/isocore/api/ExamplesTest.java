package io.isocore.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.isocore.api.testing.CrValidator;
import io.isocore.api.testing.CrdSchemas;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.api.v1alpha1.NodeTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example a newcomer may apply is valid and round-trips through the Java types. */
class ExamplesTest {

  private static final Map<String, Class<?>> TYPES =
      Map.of(
          "NodeTopology", NodeTopology.class,
          "IsolationProfile", IsolationProfile.class,
          "LatencyTenant", LatencyTenant.class,
          "CoreAllocation", CoreAllocation.class);

  private final CrValidator validator = new CrValidator();

  static Stream<Path> isocoreExamples() throws IOException {
    try (Stream<Path> files = Files.list(CrdSchemas.repositoryRoot().resolve("examples"))) {
      return files
          .filter(f -> f.toString().endsWith(".yaml"))
          .filter(f -> read(f).path("apiVersion").asText().startsWith("isocore.io/"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void thereIsAnExampleOfEachKind() throws IOException {
    assertThat(isocoreExamples().map(f -> read(f).path("kind").asText()).distinct())
        .containsExactlyInAnyOrderElementsOf(TYPES.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("isocoreExamples")
  void validatesAgainstTheGeneratedSchema(Path example) {
    assertThat(validator.validate(read(example))).as(example.toString()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("isocoreExamples")
  void roundTripsThroughTheJavaTypes(Path example) throws IOException {
    JsonNode original = read(example);
    Object typed =
        Serialization.unmarshal(
            Files.readString(example), TYPES.get(original.path("kind").asText()));
    JsonNode back = new ObjectMapper().valueToTree(typed);
    for (String part : new String[] {"spec", "status"}) {
      assertThat(back.path(part).equals(NUMBERS_BY_VALUE, original.path(part)))
          .as(part + " of " + example + ": " + back.path(part) + " vs " + original.path(part))
          .isTrue();
    }
  }

  @Test
  void theLatencyPodFollowsThePodContract() {
    JsonNode pod = read(CrdSchemas.repositoryRoot().resolve("examples/feed-handler-pod.yaml"));
    assertThat(pod.at("/spec/schedulerName").asText()).isEqualTo("isocore");
    JsonNode handler = pod.at("/spec/containers/0/resources");
    assertThat(handler.at("/requests/cpu")).isEqualTo(handler.at("/limits/cpu"));
    assertThat(handler.at("/requests/hugepages-1Gi").asText()).isEqualTo("1Gi");
  }

  /** YAML and Java pick different number types (2 vs 2.0, int vs long); compare by value. */
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  static JsonNode read(Path file) {
    try {
      return CrdSchemas.YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
