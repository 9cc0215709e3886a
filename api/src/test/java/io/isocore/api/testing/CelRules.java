package io.isocore.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluates a schema's {@code x-kubernetes-validations} CEL rules against an instance. */
final class CelRules {

  private final CelCompiler compiler =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .build();
  private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  List<String> check(JsonNode schema, JsonNode value, String path) {
    List<String> problems = new ArrayList<>();
    if (value == null || value.isMissingNode() || value.isNull()) {
      return problems;
    }
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      String expression = rule.path("rule").asText();
      if (expression.contains("oldSelf")) {
        continue;
      }
      if (!evaluate(expression, value)) {
        problems.add(path + ": " + rule.path("message").asText(expression));
      }
    }
    JsonNode properties = schema.path("properties");
    for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      problems.addAll(check(properties.get(name), value.get(name), path + "." + name));
    }
    if (schema.has("items") && value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        problems.addAll(check(schema.get("items"), value.get(i), path + "[" + i + "]"));
      }
    }
    return problems;
  }

  private boolean evaluate(String expression, JsonNode value) {
    try {
      CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
      Object result = runtime.createProgram(ast).eval(Map.of("self", toCel(value)));
      return Boolean.TRUE.equals(result);
    } catch (CelValidationException e) {
      throw new IllegalStateException("CEL rule does not compile: " + expression, e);
    } catch (CelEvaluationException e) {
      throw new IllegalStateException("CEL rule fails to evaluate: " + expression, e);
    }
  }

  private static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), toCel(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(toCel(item)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }
}
