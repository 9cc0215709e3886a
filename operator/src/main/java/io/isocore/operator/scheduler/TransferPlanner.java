package io.isocore.operator.scheduler;

import io.isocore.api.v1alpha1.TicketTransfer;
import io.isocore.core.alloc.PodAllocation;
import io.isocore.core.pod.PodKey;
import io.isocore.operator.catalog.TenantDirectory;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Decides what a latency pod's {@value #ANNOTATION} annotation lends, from the pod's allocation,
 * its tenant and where the target runs. Pure: no client. A transfer is written only when it can
 * take effect: the target is a latency pod holding cores on the lender's node, in the lender's
 * namespace or in another namespace of the lender's tenant; anything else is refused with a reason
 * that names the annotation.
 */
final class TransferPlanner {
  /** The pod annotation that names the pod to lend tickets to: {@code name} or {@code ns/name}. */
  static final String ANNOTATION = "isocore.io/transfer-tickets-to";

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

  /** What the lender's CoreAllocation should carry. */
  sealed interface Decision {
    /** No transfer asked for: spec.ticketTransfer absent. */
    record None() implements Decision {}

    /** Lend: spec.ticketTransfer as given. */
    record Lend(TicketTransfer transfer) implements Decision {}

    /** Asked for but refused: spec.ticketTransfer absent, and the reason said on the pod. */
    record Refused(String reason) implements Decision {}
  }

  private TransferPlanner() {}

  /**
   * @param lender the lending pod's allocation
   * @param annotation the annotation's value, null when absent
   * @param lenderTickets the lender's tenant's effective tickets now
   * @param tenants the tenants and the namespaces they own
   * @param held the allocation held for a pod, if any
   */
  static Decision decide(
      PodAllocation lender,
      String annotation,
      long lenderTickets,
      TenantDirectory tenants,
      Function<PodKey, Optional<PodAllocation>> held) {
    if (annotation == null || annotation.isBlank()) {
      return new Decision.None();
    }
    String value = annotation.trim();
    PodKey target;
    try {
      target = parse(value, lender.pod().namespace());
    } catch (IllegalArgumentException e) {
      return new Decision.Refused(ANNOTATION + " \"" + clip(value) + "\": " + e.getMessage());
    }
    String prefix = ANNOTATION + " " + target + ": ";
    if (lender.tenant().isEmpty()) {
      return new Decision.Refused(prefix + "the lender belongs to no LatencyTenant: no tickets");
    }
    String tenant = lender.tenant().get();
    if (target.equals(lender.pod())) {
      return new Decision.Refused(prefix + "a pod cannot lend tickets to itself");
    }
    if (!target.namespace().equals(lender.pod().namespace())
        && !tenant.equals(tenants.namespaces().get(target.namespace()))) {
      return new Decision.Refused(
          prefix
              + "namespace "
              + target.namespace()
              + " is not one of tenant "
              + tenant
              + "'s namespaces");
    }
    if (lenderTickets < 1) {
      return new Decision.Refused(prefix + "tenant " + tenant + " has no tickets to lend");
    }
    Optional<PodAllocation> receiver = held.apply(target);
    if (receiver.isEmpty()) {
      return new Decision.Refused(
          prefix + "the target holds no isolated cores (not an isocore pod, not placed, or gone)");
    }
    if (!receiver.get().nodeName().equals(lender.nodeName())) {
      return new Decision.Refused(
          prefix
              + "the target runs on node "
              + receiver.get().nodeName()
              + ", the lender on "
              + lender.nodeName()
              + "; tickets only move CPU between pods of one node");
    }
    return new Decision.Lend(
        new TicketTransfer(
            target.namespace(), target.name(), (int) Math.min(lenderTickets, Integer.MAX_VALUE)));
  }

  private static PodKey parse(String value, String lenderNamespace) {
    String[] parts = value.split("/", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException("expected a pod name or namespace/name");
    }
    String namespace = parts.length == 2 ? parts[0] : lenderNamespace;
    String name = parts[parts.length - 1];
    if (namespace.length() > 63 || !NAME.matcher(namespace).matches()) {
      throw new IllegalArgumentException("the namespace is not a valid Kubernetes name");
    }
    if (name.length() > 253 || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("the pod name is not a valid Kubernetes name");
    }
    return new PodKey(namespace, name);
  }

  private static String clip(String value) {
    return value.length() <= 80 ? value : value.substring(0, 80) + "...";
  }
}
