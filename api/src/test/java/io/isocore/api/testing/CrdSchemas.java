package io.isocore.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CRDs the build generated (api/target/classes/META-INF/fabric8), by kind. Tests in every
 * module validate the CRs they write against these.
 */
public final class CrdSchemas {

  /** YAML reader shared by the test helpers. */
  public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private CrdSchemas() {}

  /** Returns the repository root: the system property isocore.root, or found from the cwd. */
  public static Path repositoryRoot() {
    String property = System.getProperty("isocore.root");
    if (property != null && Files.isDirectory(Path.of(property, "crds"))) {
      return Path.of(property);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("crds"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find the repository root (a folder with crds/)");
    }
    return dir;
  }

  /** Returns the folder the build generated the CRDs into. */
  public static Path generatedDir() {
    return repositoryRoot().resolve("api/target/classes/META-INF/fabric8");
  }

  /** Reads every generated CRD, keyed by kind. */
  public static Map<String, JsonNode> generatedByKind() {
    return readByKind(generatedDir());
  }

  /** Reads the CRDs of a folder, keyed by kind. */
  public static Map<String, JsonNode> readByKind(Path dir) {
    Map<String, JsonNode> byKind = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        JsonNode crd = YAML.readTree(file.toFile());
        byKind.put(crd.at("/spec/names/kind").asText(), crd);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRDs from " + dir, e);
    }
    if (byKind.isEmpty()) {
      throw new IllegalStateException("no CRDs in " + dir + ": build the api module first");
    }
    return byKind;
  }

  /** Returns the openAPIV3Schema of the single served version of a CRD. */
  public static JsonNode openApiSchema(JsonNode crd) {
    return crd.at("/spec/versions/0/schema/openAPIV3Schema");
  }
}
