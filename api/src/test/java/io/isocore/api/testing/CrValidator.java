package io.isocore.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validates a custom resource the way the API server would on create: the CRD's structural schema
 * (with unknown fields rejected, as {@code kubectl apply --validate=strict} does) and its CEL rules
 * ({@code x-kubernetes-validations}; transition rules naming {@code oldSelf} apply to updates, see
 * {@link #validateUpdate}).
 */
public final class CrValidator {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, JsonNode> crdsByKind;
  private final CelRules cel = new CelRules();

  /** Validates against the CRDs the build generated. */
  public CrValidator() {
    this(CrdSchemas.generatedByKind());
  }

  /** Validates against the given CRDs, keyed by kind. */
  public CrValidator(Map<String, JsonNode> crdsByKind) {
    this.crdsByKind = crdsByKind;
  }

  /** Returns the problems with {@code resource}; empty when the API server would accept it. */
  public List<String> validate(JsonNode resource) {
    return validate(resource, null);
  }

  /**
   * Returns the problems with replacing {@code old} by {@code resource}: the create checks plus the
   * transition rules ({@code oldSelf}), as the API server evaluates an update.
   */
  public List<String> validateUpdate(JsonNode resource, JsonNode old) {
    return validate(resource, old);
  }

  private List<String> validate(JsonNode resource, JsonNode old) {
    String kind = resource.path("kind").asText();
    JsonNode crd = crdsByKind.get(kind);
    if (crd == null) {
      return List.of("no CRD for kind '" + kind + "'");
    }
    List<String> problems = new ArrayList<>();
    String apiVersion =
        crd.at("/spec/group").asText() + "/" + crd.at("/spec/versions/0/name").asText();
    if (!apiVersion.equals(resource.path("apiVersion").asText())) {
      problems.add("apiVersion must be " + apiVersion);
    }
    JsonNode schema = strict(CrdSchemas.openApiSchema(crd).deepCopy(), true);
    JsonSchema validator =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
    for (ValidationMessage message : validator.validate(resource)) {
      problems.add(message.getMessage());
    }
    if (problems.isEmpty()) {
      problems.addAll(cel.check(CrdSchemas.openApiSchema(crd), resource, old, "$"));
    }
    return problems;
  }

  /** Reads YAML and validates it. */
  public List<String> validateYaml(String yaml) {
    try {
      return validate(CrdSchemas.YAML.readTree(yaml));
    } catch (java.io.IOException e) {
      return List.of("not YAML: " + e.getMessage());
    }
  }

  /** Validates any object that serialises to a resource (a Fabric8 CustomResource). */
  public List<String> validateObject(Object resource) {
    return validate(JSON.valueToTree(resource));
  }

  /** Marks every object schema closed, like the API server's pruning of unknown fields. */
  private static JsonNode strict(JsonNode schema, boolean root) {
    if (!(schema instanceof ObjectNode object)) {
      return schema;
    }
    if (object.has("properties")
        && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
      ObjectNode properties = (ObjectNode) object.get("properties");
      if (root) {
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        properties.putObject("metadata").put("type", "object");
      }
      if (!object.has("additionalProperties")) {
        object.put("additionalProperties", false);
      }
      for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        strict(properties.get(name), false);
      }
    }
    if (object.has("items")) {
      strict(object.get("items"), false);
    }
    if (object.get("additionalProperties") instanceof ObjectNode valueSchema) {
      strict(valueSchema, false);
    }
    return object;
  }
}
