package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** values.schema.json covers every value, documents it, and Helm enforces it. */
class ChartValuesTest {

  private static JsonNode read(String file) throws IOException {
    ObjectMapper mapper =
        file.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    return mapper.readTree(RenderedChart.chartDir().resolve(file).toFile());
  }

  @Test
  void everyValueHasADocumentedSchemaEntry() throws IOException {
    JsonNode values = read("values.yaml");
    JsonNode schema = read("values.schema.json");
    List<String> problems = new ArrayList<>();
    walk(values, schema, "", problems);
    assertThat(problems).isEmpty();
  }

  private static void walk(JsonNode value, JsonNode schema, String path, List<String> problems) {
    if (!value.isObject()) {
      return;
    }
    for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      String child = path.isEmpty() ? name : path + "." + name;
      JsonNode property = schema.path("properties").path(name);
      if (property.isMissingNode()) {
        if (!schema.has("additionalProperties") || schema.get("additionalProperties").isBoolean()) {
          problems.add(child + ": not in values.schema.json");
        }
        continue;
      }
      if (property.path("description").asText().isBlank()) {
        problems.add(child + ": no description in values.schema.json");
      }
      walk(value.get(name), property, child, problems);
    }
  }

  @Test
  void helmRejectsValuesTheSchemaForbids() {
    assertThatThrownBy(() -> RenderedChart.render(Map.of("operator.replicas", 0)))
        .hasMessageContaining("replicas");
    assertThatThrownBy(() -> RenderedChart.render(Map.of("image.pullPolicy", "Sometimes")))
        .hasMessageContaining("pullPolicy");
    assertThatThrownBy(() -> RenderedChart.render(Map.of("agent.metricsPort", 80)))
        .hasMessageContaining("metricsPort");
    assertThatThrownBy(() -> RenderedChart.render(Map.of("agent.unknownSetting", true)))
        .hasMessageContaining("unknownSetting");
  }
}
