package io.isocore.operator.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.isocore.core.pod.ContainerRequest;
import io.isocore.core.pod.PodKey;
import io.isocore.core.pod.PodRequest;
import io.isocore.operator.filter.ResourceAmounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one reader of a pod's resources. Each container is read once ({@link ContainerResources})
 * into both views the scheduler needs:
 *
 * <ul>
 *   <li>the <b>fit amounts</b>, the pod's effective requests as the kube-scheduler computes them:
 *       the sum of the app containers and restartable init containers (sidecars), or the largest
 *       init container plus the sidecars started before it, whichever is larger per resource; plus
 *       the pod overhead;
 *   <li>the <b>isocore request</b> ({@link PodRequestMapper}, the pod contract): exclusive CPUs and
 *       hugepages of the app containers, NIC alignment, and the pod's memory as the fit counts it
 *       (pinned to the NUMA node of its cores when it has exclusive CPUs). Init containers run on
 *       the shared pool.
 * </ul>
 *
 * A quantity that is not one, in any container, makes the pod invalid with one message naming the
 * container; the two views can no longer disagree on whether a pod is readable.
 */
public final class PodResources {
  private PodResources() {}

  /** What reading a pod gave. */
  public sealed interface Read permits Valid, Invalid {}

  /**
   * @param request the isocore request, without tenant
   * @param fit the effective requests the default-scheduler fit filter checks
   */
  public record Valid(PodRequest request, ResourceAmounts fit) implements Read {}

  /**
   * @param message every problem, e.g. "pod ns/p: container app: cpu request = limit = 1500m is not
   *     a whole number of CPUs..."
   */
  public record Invalid(String message) implements Read {}

  /** Reads both views; never throws. */
  public static Read read(Pod pod) {
    try {
      return require(pod);
    } catch (PodContractException e) {
      return new Invalid(e.getMessage());
    }
  }

  /**
   * Reads both views. A pod without a namespace (a manifest file) is read as namespace {@code
   * default}; without a UID, as UID "".
   *
   * @throws PodContractException listing every problem found
   */
  public static Valid require(Pod pod) {
    String namespace =
        pod.getMetadata() == null || pod.getMetadata().getNamespace() == null
            ? "default"
            : pod.getMetadata().getNamespace();
    String name = pod.getMetadata() == null ? null : pod.getMetadata().getName();
    String label = namespace + "/" + (name == null ? "<no name>" : name);
    List<String> problems = new ArrayList<>();
    if (name == null || name.isBlank()) {
      problems.add("metadata.name is missing");
    }
    PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
    if (nullSafe(spec.getContainers()).isEmpty()) {
      problems.add("spec.containers is empty");
    }
    Effective effective = new Effective();
    for (Container init : nullSafe(spec.getInitContainers())) {
      ContainerResources read = ContainerResources.of(init);
      amounts(read, problems)
          .ifPresent(a -> effective.init(a, "Always".equals(init.getRestartPolicy())));
    }
    List<ContainerRequest> requests = new ArrayList<>();
    for (Container container : nullSafe(spec.getContainers())) {
      ContainerResources read = ContainerResources.of(container);
      int before = problems.size();
      PodRequestMapper.container(read, problems).ifPresent(requests::add);
      if (problems.size() == before) {
        amounts(read, problems).ifPresent(effective::app);
      }
    }
    ResourceAmounts overhead = overhead(spec, problems);
    ResourceAmounts fit = effective.total().plus(overhead);
    long memory = memoryBytes(fit, problems);
    if (!problems.isEmpty()) {
      throw new PodContractException(label, problems);
    }
    String uid = pod.getMetadata().getUid() == null ? "" : pod.getMetadata().getUid();
    try {
      PodRequest request =
          new PodRequest(
              PodKey.of(namespace, name), uid, Optional.empty(), requests, nic(pod), memory);
      return new Valid(request, fit);
    } catch (IllegalArgumentException e) {
      throw new PodContractException(label, List.of(e.getMessage()));
    }
  }

  /**
   * The fit amounts of a pod already admitted (a pod bound to a node), which the API server has
   * validated.
   *
   * @throws IllegalArgumentException when a quantity is not one
   */
  public static ResourceAmounts fit(Pod pod) {
    PodSpec spec = pod.getSpec();
    if (spec == null) {
      return ResourceAmounts.NONE;
    }
    Effective effective = new Effective();
    for (Container init : nullSafe(spec.getInitContainers())) {
      effective.init(fit(init), "Always".equals(init.getRestartPolicy()));
    }
    nullSafe(spec.getContainers()).forEach(c -> effective.app(fit(c)));
    return effective.total().plus(ResourceAmounts.of(spec.getOverhead()));
  }

  /** A container's requests; a limit without a request counts as the request (API defaulting). */
  public static ResourceAmounts fit(Container container) {
    return ContainerResources.of(container).effective();
  }

  /** The kube-scheduler's effective-request arithmetic over containers in pod order. */
  private static final class Effective {
    private ResourceAmounts sidecars = ResourceAmounts.NONE;
    private ResourceAmounts initPeak = ResourceAmounts.NONE;
    private ResourceAmounts app = ResourceAmounts.NONE;

    void init(ResourceAmounts own, boolean sidecar) {
      if (sidecar) {
        sidecars = sidecars.plus(own);
        initPeak = initPeak.max(sidecars);
      } else {
        initPeak = initPeak.max(sidecars.plus(own));
      }
    }

    void app(ResourceAmounts own) {
      app = app.plus(own);
    }

    ResourceAmounts total() {
      return sidecars.plus(app).max(initPeak);
    }
  }

  private static Optional<ResourceAmounts> amounts(ContainerResources read, List<String> problems) {
    try {
      ResourceAmounts amounts = read.effective();
      if (amounts.get("memory").signum() < 0) {
        problems.add(
            "container "
                + read.name()
                + ": memory "
                + amounts.get("memory").toPlainString()
                + " bytes is negative");
        return Optional.empty();
      }
      return Optional.of(amounts);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The pod's memory as the scheduler counts it (requests, a limit standing in for an absent
   * request, init containers and overhead), in whole bytes rounded up.
   */
  private static long memoryBytes(ResourceAmounts fit, List<String> problems) {
    BigDecimal memory = fit.get("memory");
    if (memory.signum() < 0) {
      problems.add("memory " + memory.toPlainString() + " bytes is negative");
      return 0;
    }
    try {
      return memory.setScale(0, RoundingMode.CEILING).longValueExact();
    } catch (ArithmeticException e) {
      problems.add("memory " + memory.toPlainString() + " bytes is out of range");
      return 0;
    }
  }

  private static ResourceAmounts overhead(PodSpec spec, List<String> problems) {
    try {
      return ResourceAmounts.of(spec.getOverhead());
    } catch (IllegalArgumentException e) {
      problems.add("spec.overhead: " + e.getMessage());
      return ResourceAmounts.NONE;
    }
  }

  private static Optional<String> nic(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    return Optional.ofNullable(
            annotations == null ? null : annotations.get(PodRequestMapper.ALIGN_NIC_ANNOTATION))
        .map(String::trim)
        .filter(s -> !s.isEmpty());
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
