package io.isocore.charts;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The chart rendered by real Helm, with every document parsed into its typed Fabric8 model. */
record RenderedChart(String yaml, List<HasMetadata> objects) {

  static final String RELEASE = "isocore";
  static final String NAMESPACE = "isocore-system";

  static Path chartDir() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("charts/isocore"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "cannot find charts/isocore above " + Path.of("").toAbsolutePath());
    }
    return dir.resolve("charts/isocore");
  }

  /**
   * Renders the chart with {@code --set}-style values. helm-java's {@code template} runs with
   * Helm's built-in capabilities (Kubernetes v1.20.0) and has no kube-version option, so it would
   * refuse the chart's {@code kubeVersion: >=1.31.0-0}: templates are rendered from a copy of the
   * chart without that line. {@link KubeVersionGateTest} checks the gate itself against API servers
   * of several versions.
   */
  static RenderedChart render(Map<String, Object> values) {
    return render(TemplateCopy.withoutKubeVersion(), values);
  }

  /** Renders the chart at {@code chart} (a parent chart, or a copy) with {@code --set} values. */
  static RenderedChart render(Path chart, Map<String, Object> values) {
    TemplateCommand template =
        new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE);
    values.forEach(template::set);
    return parse(template.call());
  }

  /** Renders the chart at {@code chart} with a values file. */
  static RenderedChart render(Path chart, Path valuesFile) {
    return parse(
        new Helm(chart)
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withValuesFile(valuesFile)
            .call());
  }

  private static RenderedChart parse(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : yaml.split("(?m)^---\\s*$")) {
      if (document.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
        continue;
      }
      KubernetesResource parsed = Serialization.unmarshal(document);
      if (!(parsed instanceof HasMetadata object)) {
        throw new IllegalStateException("not a Kubernetes object:\n" + document);
      }
      objects.add(object);
    }
    return new RenderedChart(yaml, objects);
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T one(Class<T> type, String nameSuffix) {
    return find(type, nameSuffix)
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " *" + nameSuffix));
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type, String nameSuffix) {
    return all(type).stream()
        .filter(o -> o.getMetadata().getName().endsWith(nameSuffix))
        .findFirst();
  }
}
