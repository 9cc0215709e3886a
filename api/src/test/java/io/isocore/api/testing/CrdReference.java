package io.isocore.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Renders docs/crd-reference.md from the generated CRDs: one table of fields per kind. */
public final class CrdReference {

  private CrdReference() {}

  /** Returns the Markdown reference of the given CRDs, keyed by kind. */
  public static String render(Map<String, JsonNode> crdsByKind) {
    StringBuilder out = new StringBuilder();
    out.append("# CRD reference: isocore.io/v1alpha1\n\n")
        .append(
            "Generated from the CRDs by `CrdReferenceTest`; do not edit by hand. Regenerate with\n")
        .append(
            "`./isocore mvn -pl api test -Dtest=CrdReferenceTest -Dcrd-reference.update=true`.\n")
        .append("`kubectl explain <kind>.spec` shows the same descriptions on a cluster.\n\n");
    for (var entry : crdsByKind.entrySet()) {
      JsonNode crd = entry.getValue();
      out.append("- [")
          .append(entry.getKey())
          .append("](#")
          .append(entry.getKey().toLowerCase())
          .append(")\n");
    }
    for (var entry : crdsByKind.entrySet()) {
      JsonNode crd = entry.getValue();
      out.append("\n## ").append(entry.getKey()).append("\n\n");
      out.append(CrdSchemas.openApiSchema(crd).path("description").asText()).append("\n\n");
      out.append("Scope: ")
          .append(crd.at("/spec/scope").asText())
          .append(". Short names: `")
          .append(join(crd.at("/spec/names/shortNames")))
          .append("`. Category: `")
          .append(join(crd.at("/spec/names/categories")))
          .append("`.\n\n");
      out.append("Printer columns: ");
      List<String> columns = new ArrayList<>();
      crd.at("/spec/versions/0/additionalPrinterColumns")
          .forEach(
              c ->
                  columns.add(
                      c.path("name").asText() + " (`" + c.path("jsonPath").asText() + "`)"));
      out.append(String.join(", ", columns)).append(".\n\n");
      out.append("| Field | Type | Validation | Description |\n|---|---|---|---|\n");
      JsonNode schema = CrdSchemas.openApiSchema(crd);
      rows(schema.path("properties"), "", schema, out);
    }
    return out.toString();
  }

  private static void rows(JsonNode properties, String prefix, JsonNode parent, StringBuilder out) {
    for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      JsonNode field = properties.get(name);
      String path = prefix.isEmpty() ? name : prefix + "." + name;
      String type = field.path("type").asText();
      JsonNode items = field.path("items");
      if (type.equals("array")) {
        type = "[]" + items.path("type").asText();
      }
      out.append("| `")
          .append(path)
          .append("` | ")
          .append(type)
          .append(" | ")
          .append(validation(field, parent, name))
          .append(" | ")
          .append(field.path("description").asText().replace("|", "\\|").replace("\n", " "))
          .append(" |\n");
      rows(field.path("properties"), path, field, out);
      rows(items.path("properties"), path + "[]", items, out);
    }
  }

  private static String validation(JsonNode field, JsonNode parent, String name) {
    List<String> rules = new ArrayList<>();
    for (JsonNode required : parent.path("required")) {
      if (required.asText().equals(name)) {
        rules.add("required");
      }
    }
    if (field.has("enum")) {
      rules.add("one of " + join(field.get("enum")));
    }
    if (field.has("minimum")) {
      rules.add("min " + field.get("minimum").asLong());
    }
    if (field.has("maximum")) {
      rules.add("max " + field.get("maximum").asLong());
    }
    if (field.has("minItems")) {
      rules.add("at least " + field.get("minItems").asInt() + " item");
    }
    if (field.has("maxLength") && !field.has("enum")) {
      rules.add("at most " + field.get("maxLength").asInt() + " characters");
    }
    if (field.has("pattern")) {
      rules.add("pattern `" + field.get("pattern").asText().replace("|", "\\|") + "`");
    }
    if (field.has("default")) {
      rules.add("default " + field.get("default").asText());
    }
    for (JsonNode rule : field.path("x-kubernetes-validations")) {
      rules.add("CEL: " + rule.path("message").asText());
    }
    for (JsonNode rule : field.path("items").path("x-kubernetes-validations")) {
      rules.add("each: " + rule.path("message").asText());
    }
    return String.join("; ", rules);
  }

  private static String join(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return String.join(", ", values);
  }
}
