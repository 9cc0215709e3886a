package io.isocore.operator.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.isocore.core.pod.ContainerRequest;
import io.isocore.core.pod.HugepageRequest;
import io.isocore.core.pod.PodRequest;
import io.isocore.core.topology.HugepageSize;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads a Kubernetes pod into a {@link PodRequest}: the isocore pod contract.
 *
 * <ul>
 *   <li>A container whose CPU request equals its limit and is a whole number gets that many
 *       exclusive logical CPUs (a limit without a request counts as both, as in Kubernetes). Every
 *       other container runs on the shared pool. Request = limit with a fraction (1500m) is an
 *       error, not a silent fallback to the shared pool: it is almost always a typo for a whole
 *       number.
 *   <li>{@code hugepages-<size>} resources ({@code hugepages-2Mi}, {@code hugepages-1Gi}): request
 *       equal to limit (a limit alone counts as both), a whole number of pages. An unparsable size
 *       is an error; a size no node offers is left to the allocator, which reports it.
 *   <li>Annotation {@value #ALIGN_NIC_ANNOTATION}: the network interface whose NUMA node the pod
 *       must run on.
 *   <li>Init containers get no CPUs or hugepages of their own: they run on the shared pool before
 *       the app containers. Their requests count in the node fit ({@link PodResources}), as the
 *       default scheduler counts them.
 * </ul>
 */
public final class PodRequestMapper {

  /** The annotation naming the NIC whose NUMA node the pod runs on. */
  public static final String ALIGN_NIC_ANNOTATION = "isocore.io/numa-align-nic";

  private static final String HUGEPAGES = "hugepages-";

  private PodRequestMapper() {}

  /**
   * Returns the pod's request, without tenant (see {@link PodRequest#withTenant}). A pod without a
   * namespace (a manifest file) is read as namespace {@code default}; without a UID, as UID "".
   * Reads the pod with {@link PodResources}, so the rules are those of the scheduler.
   *
   * @throws PodContractException listing every problem found
   */
  public static PodRequest toRequest(Pod pod) {
    return PodResources.require(pod).request();
  }

  /** The contract for one app container; adds to {@code problems} what breaks it. */
  static Optional<ContainerRequest> container(ContainerResources container, List<String> problems) {
    String name = container.name();
    Map<String, Quantity> requests = container.requests();
    Map<String, Quantity> limits = container.limits();
    int before = problems.size();
    int cpus = exclusiveCpus(name, requests.get("cpu"), limits.get("cpu"), problems);
    List<HugepageRequest> hugepages = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(requests.keySet());
    keys.addAll(limits.keySet());
    for (String key : keys) {
      if (key.startsWith(HUGEPAGES)) {
        hugepage(name, key, requests.get(key), limits.get(key), problems).ifPresent(hugepages::add);
      }
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new ContainerRequest(name, cpus, hugepages));
  }

  private static int exclusiveCpus(
      String container, Quantity request, Quantity limit, List<String> problems) {
    if (limit == null) {
      return 0;
    }
    BigDecimal limitCpus = amount(container, "cpu limit", limit, problems);
    BigDecimal requestCpus =
        request == null ? limitCpus : amount(container, "cpu request", request, problems);
    if (limitCpus == null || requestCpus == null || requestCpus.compareTo(limitCpus) != 0) {
      return 0;
    }
    if (limitCpus.signum() <= 0) {
      return 0;
    }
    if (limitCpus.stripTrailingZeros().scale() > 0) {
      problems.add(
          "container "
              + container
              + ": cpu request = limit = "
              + limit
              + " is not a whole number of CPUs; exclusive cores need a whole number (e.g. "
              + limitCpus.setScale(0, java.math.RoundingMode.CEILING)
              + "), or set the request below the limit to run on the shared pool");
      return 0;
    }
    try {
      return limitCpus.intValueExact();
    } catch (ArithmeticException e) {
      problems.add("container " + container + ": cpu " + limit + " is out of range");
      return 0;
    }
  }

  private static Optional<HugepageRequest> hugepage(
      String container, String key, Quantity request, Quantity limit, List<String> problems) {
    String sizeName = key.substring(HUGEPAGES.length());
    Optional<HugepageSize> size = HugepageSize.parse(sizeName);
    if (size.isEmpty()) {
      problems.add(
          "container "
              + container
              + ": unknown hugepage resource "
              + key
              + "; expected hugepages-<size> with a size such as 2Mi or 1Gi");
      return Optional.empty();
    }
    if (limit == null) {
      problems.add(
          "container " + container + ": " + key + " needs a limit (Kubernetes requires one)");
      return Optional.empty();
    }
    BigDecimal limitBytes = amount(container, key + " limit", limit, problems);
    BigDecimal requestBytes =
        request == null ? limitBytes : amount(container, key + " request", request, problems);
    if (limitBytes == null || requestBytes == null) {
      return Optional.empty();
    }
    if (requestBytes.compareTo(limitBytes) != 0) {
      problems.add(
          "container "
              + container
              + ": "
              + key
              + " request "
              + request
              + " differs from limit "
              + limit
              + "; hugepages need request = limit");
      return Optional.empty();
    }
    if (limitBytes.signum() == 0) {
      return Optional.empty();
    }
    BigDecimal pageBytes = BigDecimal.valueOf(size.get().bytes());
    if (limitBytes.signum() < 0
        || limitBytes.stripTrailingZeros().scale() > 0
        || limitBytes.remainder(pageBytes).signum() != 0) {
      problems.add(
          "container "
              + container
              + ": "
              + key
              + " = "
              + limit
              + " is not a whole number of "
              + sizeName
              + " pages");
      return Optional.empty();
    }
    return Optional.of(new HugepageRequest(size.get().bytes(), limitBytes.longValueExact()));
  }

  private static BigDecimal amount(
      String container, String what, Quantity quantity, List<String> problems) {
    try {
      return quantity.getNumericalAmount();
    } catch (RuntimeException e) {
      problems.add(
          "container " + container + ": " + what + " '" + quantity + "' is not a quantity");
      return null;
    }
  }
}
