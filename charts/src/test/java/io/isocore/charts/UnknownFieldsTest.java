package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Strict about unknown fields, as {@code kubectl apply --validate=strict} is: every rendered object
 * is parsed into Fabric8's typed models (generated from the Kubernetes and prometheus-operator API
 * types), which collect any field they do not know in {@code additionalProperties}; none may be
 * collected anywhere in any object.
 */
class UnknownFieldsTest {

  static java.util.stream.Stream<Map<String, Object>> valueSets() {
    return ValueSets.all();
  }

  @ParameterizedTest
  @MethodSource("valueSets")
  void renderedObjectsHaveNoUnknownFields(Map<String, Object> values) {
    List<String> unknown = new ArrayList<>();
    for (HasMetadata object : RenderedChart.render(values).objects()) {
      collect(object, object.getKind() + "/" + object.getMetadata().getName(), unknown);
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void aMisspelledFieldIsCaught() {
    HasMetadata object =
        Serialization.unmarshal(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: x}
            spec:
              selector: {matchLabels: {a: b}}
              template:
                spec:
                  containers:
                    - name: c
                      image: i
                      volumeMounts: [{name: v, mountPath: /x, readonly: true}]
            """);
    List<String> unknown = new ArrayList<>();
    collect(object, "DaemonSet/x", unknown);
    assertThat(unknown)
        .containsExactly(
            "DaemonSet/x.spec.template.spec.containers[0].volumeMounts[0]: unknown field readonly");
  }

  /** Walks a Fabric8 model through its getters, reporting non-empty additionalProperties. */
  static void collect(Object model, String path, List<String> out) {
    if (model == null || !model.getClass().getPackageName().startsWith("io.fabric8")) {
      return;
    }
    for (Method getter : model.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(model);
      } catch (ReflectiveOperationException | RuntimeException e) {
        continue;
      }
      String field = path + "." + property(getter.getName());
      if (getter.getName().equals("getAdditionalProperties") && value instanceof Map<?, ?> map) {
        map.keySet().forEach(k -> out.add(path + ": unknown field " + k));
      } else if (value instanceof Collection<?> items) {
        int i = 0;
        for (Object item : items) {
          collect(item, field + "[" + i++ + "]", out);
        }
      } else if (value instanceof Map<?, ?> map) {
        map.forEach((k, v) -> collect(v, field + "." + k, out));
      } else {
        collect(value, field, out);
      }
    }
  }

  private static String property(String getter) {
    String name = getter.startsWith("is") ? getter.substring(2) : getter.substring(3);
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
