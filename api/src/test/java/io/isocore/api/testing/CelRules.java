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

/**
 * Evaluates a schema's {@code x-kubernetes-validations} CEL rules against an instance, as the API
 * server does: on create only rules without {@code oldSelf}; on update also the transition rules
 * naming {@code oldSelf}, wherever the old object has a value at the same path (objects correlate
 * by field name; items of atomic lists do not correlate, so transition rules under them are not
 * evaluated, as in Kubernetes).
 */
final class CelRules {

  private final CelCompiler compiler =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", SimpleType.DYN)
          .build();
  private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  /** The rules a create evaluates: every rule without {@code oldSelf}. */
  List<String> check(JsonNode schema, JsonNode value, String path) {
    return check(schema, value, null, path);
  }

  /**
   * The rules an update evaluates: every rule, the transition rules with {@code oldSelf} bound to
   * {@code old}'s value at the same path (null: a create, or no correlated old value).
   */
  List<String> check(JsonNode schema, JsonNode value, JsonNode old, String path) {
    List<String> problems = new ArrayList<>();
    if (absent(value)) {
      return problems;
    }
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      String expression = rule.path("rule").asText();
      boolean transition = expression.contains("oldSelf");
      if (transition && absent(old)) {
        continue;
      }
      if (!evaluate(expression, value, transition ? old : null)) {
        problems.add(path + ": " + rule.path("message").asText(expression));
      }
    }
    JsonNode properties = schema.path("properties");
    for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      JsonNode oldChild = absent(old) ? null : old.get(name);
      problems.addAll(check(properties.get(name), value.get(name), oldChild, path + "." + name));
    }
    if (schema.has("items") && value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        problems.addAll(check(schema.get("items"), value.get(i), null, path + "[" + i + "]"));
      }
    }
    return problems;
  }

  private static boolean absent(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull();
  }

  private boolean evaluate(String expression, JsonNode value, JsonNode old) {
    try {
      CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
      Map<String, Object> vars = new LinkedHashMap<>();
      vars.put("self", toCel(value));
      if (old != null) {
        vars.put("oldSelf", toCel(old));
      }
      Object result = runtime.createProgram(ast).eval(vars);
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
