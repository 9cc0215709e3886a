package io.isocore.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads YAML or JSON files of one or more documents ({@code ---} separated, or a {@code kind: List}
 * with items) and converts documents to typed Fabric8 or isocore objects.
 */
final class ManifestReader {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private ManifestReader() {}

  /** Returns every document of the file, {@code List} items flattened. */
  static List<JsonNode> documents(Path file) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> values =
        YAML.readerFor(JsonNode.class).readValues(Files.newBufferedReader(file))) {
      while (values.hasNext()) {
        JsonNode document = values.next();
        if (document == null || document.isNull() || document.isMissingNode()) {
          continue;
        }
        if ("List".equals(document.path("kind").asText()) && document.has("items")) {
          document.get("items").forEach(documents::add);
        } else {
          documents.add(document);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(file + ": cannot read YAML or JSON: " + e.getMessage(), e);
    }
    return documents;
  }

  /** Converts one document to {@code type}, naming the file on failure. */
  static <T> T convert(Path file, JsonNode document, Class<T> type) {
    try {
      return SERIALIZATION.convertValue(document, type);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          file + ": not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** Returns the document's kind, or "" when it has none. */
  static String kind(JsonNode document) {
    return document.path("kind").asText("");
  }
}
