package io.isocore.operator.scheduler;

import io.isocore.api.v1alpha1.TicketTransfer;
import io.isocore.core.admission.AdmissionQueue;
import io.isocore.core.alloc.AllocationState;
import io.isocore.core.alloc.NodeInventory;
import io.isocore.core.pod.PodKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The leader's in-memory state for one leadership term: who holds which cores (placements being
 * committed included: the "assumed" state), the admission queue with the tenants' passes, the node
 * inventories last applied, pods this term has bound (until the informer shows them bound),
 * CoreAllocations whose delete must be retried or is not yet seen by the informer, and pods waiting
 * out a backoff after a failed commit.
 */
final class Ledger {
  final AllocationState state = new AllocationState();
  final AdmissionQueue queue;
  final Map<String, NodeInventory> applied = new HashMap<>();
  final Set<PodKey> boundByUs = new HashSet<>();
  final Set<PodKey> deletesToRetry = new HashSet<>();

  /** Placements handed to the commit pipeline and not settled yet: their cores are assumed. */
  final Set<PodKey> inFlight = new HashSet<>();

  /** Allocations this term deleted, until the informer no longer shows them (never re-adopted). */
  final Set<PodKey> deleted = new HashSet<>();

  /** Allocations held here that the informer has shown once (a later absence is a deletion). */
  final Set<PodKey> observed = new HashSet<>();

  /** When each allocation this term wrote was settled, until the informer shows it. */
  final Map<PodKey, Instant> settledAt = new HashMap<>();

  /** Pods whose commit failed: not tried again before the instant; with the failures so far. */
  final Map<PodKey, Backoff> backoff = new HashMap<>();

  /** Pods bound without an allocation that could not be repaired (reported once). */
  final Set<PodKey> unrepairable = new HashSet<>();

  /** The ticket transfer each allocation carries, to write it again when it must be recreated. */
  final Map<PodKey, TicketTransfer> transfers = new HashMap<>();

  record Backoff(Instant until, int failures) {}

  Ledger(AdmissionQueue queue) {
    this.queue = queue;
  }
}
