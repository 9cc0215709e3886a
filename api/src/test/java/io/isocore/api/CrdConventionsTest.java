package io.isocore.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.isocore.api.testing.CrdSchemas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Kubernetes conventions every isocore CRD keeps. */
class CrdConventionsTest {

  static Stream<Arguments> crds() {
    Map<String, JsonNode> byKind = CrdSchemas.generatedByKind();
    return Stream.of(
        Arguments.of("NodeTopology", "Cluster", "ntopo", byKind.get("NodeTopology")),
        Arguments.of("IsolationProfile", "Cluster", "isop", byKind.get("IsolationProfile")),
        Arguments.of("LatencyTenant", "Cluster", "lt", byKind.get("LatencyTenant")),
        Arguments.of("CoreAllocation", "Namespaced", "calloc", byKind.get("CoreAllocation")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crds")
  void namesScopeAndCategory(String kind, String scope, String shortName, JsonNode crd) {
    assertThat(crd).as(kind + " CRD generated").isNotNull();
    assertThat(crd.at("/spec/group").asText()).isEqualTo("isocore.io");
    assertThat(crd.at("/spec/scope").asText()).isEqualTo(scope);
    assertThat(crd.at("/spec/names/shortNames").toString()).contains("\"" + shortName + "\"");
    assertThat(crd.at("/spec/names/categories").toString()).contains("\"isocore\"");
    assertThat(crd.at("/spec/versions/0/name").asText()).isEqualTo("v1alpha1");
    assertThat(crd.at("/spec/versions/0/served").asBoolean()).isTrue();
    assertThat(crd.at("/spec/versions/0/storage").asBoolean()).isTrue();
  }

  /**
   * The names a resource class declares (so that constructing one, as the informers do for every
   * event, does not derive its plural through regular expressions) are the CRD's names.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("crds")
  void theClassDeclaresTheCrdsNames(String kind, String scope, String s, JsonNode crd)
      throws ClassNotFoundException {
    Class<?> type = Class.forName("io.isocore.api.v1alpha1." + kind);
    assertThat(type.getAnnotation(io.fabric8.kubernetes.model.annotation.Plural.class))
        .as(kind + " declares @Plural")
        .isNotNull();
    assertThat(type.getAnnotation(io.fabric8.kubernetes.model.annotation.Singular.class))
        .as(kind + " declares @Singular")
        .isNotNull();
    @SuppressWarnings("unchecked")
    Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> resource =
        (Class<? extends io.fabric8.kubernetes.api.model.HasMetadata>) type;
    assertThat(io.fabric8.kubernetes.api.model.HasMetadata.getPlural(resource))
        .isEqualTo(crd.at("/spec/names/plural").asText());
    assertThat(io.fabric8.kubernetes.api.model.HasMetadata.getSingular(resource))
        .isEqualTo(crd.at("/spec/names/singular").asText());
    assertThat(crd.at("/metadata/name").asText())
        .isEqualTo(crd.at("/spec/names/plural").asText() + ".isocore.io");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crds")
  void statusSubresourceAndPrinterColumns(String kind, String scope, String s, JsonNode crd) {
    assertThat(crd.at("/spec/versions/0/subresources/status").isObject()).isTrue();
    List<String> columns = new ArrayList<>();
    crd.at("/spec/versions/0/additionalPrinterColumns")
        .forEach(c -> columns.add(c.path("name").asText()));
    assertThat(columns).contains("Age").hasSizeGreaterThanOrEqualTo(4);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crds")
  void everyFieldHasADescriptionForKubectlExplain(String kind, String s, String n, JsonNode crd) {
    List<String> undocumented = new ArrayList<>();
    JsonNode root = CrdSchemas.openApiSchema(crd);
    collectUndocumented(root.path("properties"), kind, undocumented);
    assertThat(undocumented).as("fields without a description").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crds")
  void conditionsHaveKubernetesConditionSemantics(String kind, String s, String n, JsonNode crd) {
    JsonNode conditions =
        CrdSchemas.openApiSchema(crd).at("/properties/status/properties/conditions");
    assertThat(conditions.path("type").asText()).isEqualTo("array");
    assertThat(conditions.path("x-kubernetes-list-type").asText()).isEqualTo("map");
    assertThat(conditions.path("x-kubernetes-list-map-keys").toString()).isEqualTo("[\"type\"]");
    JsonNode item = conditions.path("items");
    List<String> required = new ArrayList<>();
    item.path("required").forEach(r -> required.add(r.asText()));
    assertThat(required)
        .containsExactlyInAnyOrder("type", "status", "reason", "message", "lastTransitionTime");
    JsonNode fields = item.path("properties");
    assertThat(fields.at("/lastTransitionTime/format").asText()).isEqualTo("date-time");
    assertThat(fields.at("/reason/pattern").asText()).isNotBlank();
    assertThat(fields.at("/type/maxLength").asInt()).isEqualTo(316);
    assertThat(fields.at("/message/maxLength").asInt()).isEqualTo(32768);
    assertThat(fields.at("/observedGeneration/minimum").asInt()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crds")
  void kindHasARootDescriptionForKubectlExplain(String kind, String s, String n, JsonNode crd)
      throws ClassNotFoundException {
    String description = CrdSchemas.openApiSchema(crd).path("description").asText();
    assertThat(description).as(kind + " root description").isNotBlank();
    JsonClassDescription declared =
        Class.forName("io.isocore.api.v1alpha1." + kind).getAnnotation(JsonClassDescription.class);
    assertThat(description).isEqualTo(declared.value());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crds")
  void printerColumnsInTheDeclaredOrderAgeLast(String kind, String s, String n, JsonNode crd)
      throws ClassNotFoundException {
    List<String> columns = new ArrayList<>();
    crd.at("/spec/versions/0/additionalPrinterColumns")
        .forEach(c -> columns.add(c.path("name").asText()));
    List<String> declared =
        Arrays.stream(
                Class.forName("io.isocore.api.v1alpha1." + kind)
                    .getAnnotationsByType(AdditionalPrinterColumn.class))
            .map(AdditionalPrinterColumn::name)
            .toList();
    assertThat(columns).isEqualTo(declared);
    assertThat(columns.getLast()).isEqualTo("Age");
  }

  /**
   * Every string is bounded: the API server's CEL cost estimate uses maxLength, and an unbounded
   * string makes rules over it look too expensive. Conditions keep Kubernetes' Condition schema
   * (ConditionSchema) and are bounded with it, so they are left out here.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("crds")
  void everyStringHasAMaxLength(String kind, String s, String n, JsonNode crd) {
    List<String> unbounded = new ArrayList<>();
    collectUnbounded(CrdSchemas.openApiSchema(crd), kind, unbounded);
    assertThat(unbounded).as("strings without maxLength").isEmpty();
  }

  private static void collectUnbounded(JsonNode node, String path, List<String> out) {
    if (path.endsWith(".conditions")) {
      return;
    }
    if (node.path("type").asText().equals("string") && !node.has("maxLength")) {
      out.add(path);
    }
    for (Iterator<String> it = node.path("properties").fieldNames(); it.hasNext(); ) {
      String name = it.next();
      collectUnbounded(node.path("properties").get(name), path + "." + name, out);
    }
    if (node.has("items")) {
      collectUnbounded(node.get("items"), path + "[]", out);
    }
    if (node.path("additionalProperties").isObject()) {
      collectUnbounded(node.get("additionalProperties"), path + ".*", out);
    }
  }

  private static void collectUndocumented(JsonNode properties, String path, List<String> out) {
    for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      JsonNode field = properties.get(name);
      String fieldPath = path + "." + name;
      if (field.path("description").asText().isBlank()) {
        out.add(fieldPath);
      }
      collectUndocumented(field.path("properties"), fieldPath, out);
      collectUndocumented(field.path("items").path("properties"), fieldPath + "[]", out);
    }
  }
}
