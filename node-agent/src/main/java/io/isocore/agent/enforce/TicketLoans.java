package io.isocore.agent.enforce;

import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.TicketLending;
import io.isocore.api.v1alpha1.TicketTransfer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who lends tickets to whom among one node's CoreAllocations, as the weights apply them: a loan
 * counts only when its target holds an allocation on the same node (elsewhere it changes nothing,
 * and the lender keeps its tickets). Written into both allocations' status. Pure.
 */
final class TicketLoans {
  /** The most lenders listed on one receiver (the CRD's bound). */
  static final int MAX_LENDERS = 64;

  private final Set<String> pods;
  private final Map<String, List<String>> receivedFrom;

  private TicketLoans(Set<String> pods, Map<String, List<String>> receivedFrom) {
    this.pods = pods;
    this.receivedFrom = receivedFrom;
  }

  /** The loans among {@code allocations} (one node's). */
  static TicketLoans of(List<CoreAllocation> allocations) {
    Set<String> pods = new HashSet<>();
    for (CoreAllocation ca : allocations) {
      if (ca.getSpec() != null && ca.getSpec().podName() != null) {
        pods.add(ca.getMetadata().getNamespace() + "/" + ca.getSpec().podName());
      }
    }
    Map<String, List<String>> received = new HashMap<>();
    for (CoreAllocation ca : allocations) {
      TicketTransfer t = ca.getSpec() == null ? null : ca.getSpec().ticketTransfer();
      if (t == null || t.tickets() == null || t.tickets() < 1) {
        continue;
      }
      String target = t.namespace() + "/" + t.podName();
      if (pods.contains(target)) {
        List<String> lenders = received.computeIfAbsent(target, k -> new ArrayList<>());
        if (lenders.size() < MAX_LENDERS) {
          lenders.add(
              ca.getMetadata().getNamespace() + "/" + ca.getSpec().podName() + "=" + t.tickets());
        }
      }
    }
    received.values().forEach(l -> l.sort(String::compareTo));
    return new TicketLoans(pods, received);
  }

  /** What {@code ca}'s status says about loans; null when it neither lends nor receives. */
  TicketLending of(CoreAllocation ca) {
    if (ca.getSpec() == null) {
      return null;
    }
    String self = ca.getMetadata().getNamespace() + "/" + ca.getSpec().podName();
    TicketTransfer t = ca.getSpec().ticketTransfer();
    String lentTo = null;
    Integer lent = null;
    if (t != null && t.tickets() != null && t.tickets() >= 1) {
      String target = t.namespace() + "/" + t.podName();
      if (pods.contains(target)) {
        lentTo = target;
        lent = t.tickets();
      }
    }
    List<String> from = receivedFrom.get(self);
    if (lentTo == null && from == null) {
      return null;
    }
    return new TicketLending(lentTo, lent, from == null ? null : List.copyOf(from));
  }
}
