package io.isocore.operator.scheduler;

import io.isocore.core.admission.AdmissionQueue;
import io.isocore.core.alloc.AllocationState;
import io.isocore.core.alloc.NodeInventory;
import io.isocore.core.pod.PodKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The leader's in-memory state for one leadership term: who holds which cores, the admission queue
 * with the tenants' passes, the node inventories last applied, pods this term has bound (until the
 * informer shows them bound) and CoreAllocations whose delete must be retried.
 */
final class Ledger {
  final AllocationState state = new AllocationState();
  final AdmissionQueue queue;
  final Map<String, NodeInventory> applied = new HashMap<>();
  final Set<PodKey> boundByUs = new HashSet<>();
  final Set<PodKey> deletesToRetry = new HashSet<>();

  Ledger(AdmissionQueue queue) {
    this.queue = queue;
  }
}
