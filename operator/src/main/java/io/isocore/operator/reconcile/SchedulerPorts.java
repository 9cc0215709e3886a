package io.isocore.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.core.admission.AdmissionQueue;
import io.isocore.core.pod.PodKey;
import io.isocore.operator.kube.Binder;
import io.isocore.operator.kube.CoreAllocationWriter;
import io.isocore.operator.kube.EventRecorder;
import io.isocore.operator.kube.PodConditionPublisher;
import io.isocore.operator.kube.StatusPublisher;
import io.isocore.operator.metrics.OperatorMetrics;
import io.isocore.operator.scheduling.ClusterView;
import io.isocore.operator.scheduling.PodRequestReader;
import io.isocore.operator.scheduling.TopologyReader;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything the scheduling reconciler reads and writes through.
 *
 * @param view the informers' caches
 * @param podFromApi a direct read of one pod, to confirm a pod is gone before freeing its cores
 * @param newQueue a fresh admission queue (stride or lottery) for each leadership term
 * @param inflationAllowed tenants the configuration lets inflate their tickets
 * @param metrics the isocore_* series (placement latency and outcome, pending pods, tenant shares,
 *     leadership)
 */
public record SchedulerPorts(
    ClusterView view,
    Function<PodKey, Optional<Pod>> podFromApi,
    TopologyReader topologies,
    PodRequestReader requests,
    Supplier<AdmissionQueue> newQueue,
    Set<String> inflationAllowed,
    Binder binder,
    CoreAllocationWriter allocations,
    EventRecorder events,
    PodConditionPublisher podConditions,
    StatusPublisher statuses,
    OperatorMetrics metrics,
    Clock clock) {}
