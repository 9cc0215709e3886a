package io.isocore.charts;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a ValidatingAdmissionPolicy's CEL the way the API server does for one request: the
 * match conditions (all must hold, else the policy does not apply), then the variables in order,
 * then every validation, a failed one denied with its message or messageExpression. Objects are
 * plain maps, as {@code object}, {@code oldObject} and {@code request} are in Kubernetes.
 */
final class AdmissionPolicyEvaluator {

  /** The outcome: whether the policy applied, and the denial messages (empty: admitted). */
  record Decision(boolean applied, List<String> denials) {
    boolean admitted() {
      return denials.isEmpty();
    }
  }

  private final CelCompiler compiler =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("request", SimpleType.DYN)
          .addVar("object", SimpleType.DYN)
          .addVar("oldObject", SimpleType.DYN)
          .addVar("variables", SimpleType.DYN)
          .build();
  private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private final ValidatingAdmissionPolicy policy;

  AdmissionPolicyEvaluator(ValidatingAdmissionPolicy policy) {
    this.policy = policy;
  }

  /** Every expression of the policy, for a compile check. */
  List<String> expressions() {
    List<String> all = new ArrayList<>();
    policy.getSpec().getMatchConditions().forEach(c -> all.add(c.getExpression()));
    policy.getSpec().getVariables().forEach(v -> all.add(v.getExpression()));
    for (Validation v : policy.getSpec().getValidations()) {
      all.add(v.getExpression());
      if (v.getMessageExpression() != null) {
        all.add(v.getMessageExpression());
      }
    }
    return all;
  }

  /** Compiles an expression; throws naming it when it does not compile. */
  CelAbstractSyntaxTree compile(String expression) {
    try {
      return compiler.compile(expression).getAst();
    } catch (CelValidationException e) {
      throw new IllegalStateException("does not compile: " + expression, e);
    }
  }

  Decision admit(Map<String, Object> request, Map<String, Object> object, Map<String, Object> old) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("request", request);
    vars.put("object", object == null ? Map.of() : object);
    vars.put("oldObject", old == null ? Map.of() : old);
    Map<String, Object> variables = new HashMap<>();
    vars.put("variables", variables);
    for (MatchCondition condition : policy.getSpec().getMatchConditions()) {
      if (!Boolean.TRUE.equals(eval(condition.getExpression(), vars))) {
        return new Decision(false, List.of());
      }
    }
    for (Variable variable : policy.getSpec().getVariables()) {
      variables.put(variable.getName(), eval(variable.getExpression(), vars));
    }
    List<String> denials = new ArrayList<>();
    for (Validation validation : policy.getSpec().getValidations()) {
      if (!Boolean.TRUE.equals(eval(validation.getExpression(), vars))) {
        denials.add(
            validation.getMessageExpression() != null
                ? String.valueOf(eval(validation.getMessageExpression(), vars))
                : validation.getMessage());
      }
    }
    return new Decision(true, denials);
  }

  private Object eval(String expression, Map<String, Object> vars) {
    try {
      return runtime.createProgram(compile(expression)).eval(vars);
    } catch (CelEvaluationException e) {
      throw new IllegalStateException("fails to evaluate: " + expression, e);
    }
  }
}
