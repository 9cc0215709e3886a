package io.isocore.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.api.testing.CrdReference;
import io.isocore.api.testing.CrdSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/crd-reference.md is rendered from the generated CRDs and must not go stale. */
class CrdReferenceTest {

  @Test
  void committedReferenceMatchesTheCrds() throws IOException {
    Path doc = CrdSchemas.repositoryRoot().resolve("docs/crd-reference.md");
    String rendered = CrdReference.render(CrdSchemas.generatedByKind());
    if (Boolean.getBoolean("crd-reference.update")) {
      Files.createDirectories(doc.getParent());
      Files.writeString(doc, rendered);
    }
    assertThat(doc).as("docs/crd-reference.md exists").exists();
    assertThat(Files.readString(doc))
        .as("docs/crd-reference.md is stale: rerun with -Dcrd-reference.update=true")
        .isEqualTo(rendered);
    assertThat(rendered).contains("| `spec.tickets` | integer | required; min 1; max 1000000 |");
  }
}
