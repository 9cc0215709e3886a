package io.isocore.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.api.testing.CrdSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRDs committed in crds/ and in the chart are byte for byte what the build generates, so
 * {@code kubectl apply -f crds/} from a fresh clone installs the API these types describe.
 */
class CommittedCrdsTest {

  private static final String FIX =
      "regenerate and commit: ./mvnw -pl api process-classes -Pupdate-crds";

  @ParameterizedTest
  @ValueSource(strings = {"crds", "charts/isocore/crds"})
  void committedCopiesMatchTheGeneratedCrds(String folder) throws IOException {
    Path committed = CrdSchemas.repositoryRoot().resolve(folder);
    List<String> generatedNames = names(CrdSchemas.generatedDir());
    assertThat(generatedNames).as("generated CRDs").hasSize(4);
    assertThat(names(committed))
        .as(folder + " holds exactly the generated CRDs; " + FIX)
        .isEqualTo(generatedNames);
    for (String name : generatedNames) {
      assertThat(Files.readString(committed.resolve(name)))
          .as(folder + "/" + name + " differs from the generated CRD; " + FIX)
          .isEqualTo(Files.readString(CrdSchemas.generatedDir().resolve(name)));
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yml") || n.endsWith(".yaml"))
          .sorted()
          .toList();
    }
  }
}
