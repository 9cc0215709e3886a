package io.isocore.operator.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.core.cpu.CpuSet;
import io.isocore.operator.pod.Pods;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What must hold after any fault: no physical CPU held by two live allocations, no allocation
 * without its live pod, no bound isocore pod without an allocation on its node. Read straight from
 * the API server.
 */
public final class Invariants {
  private Invariants() {}

  /** Every violation, empty when the invariants hold. */
  public static List<String> violations(KubernetesClient client) {
    List<String> problems = new ArrayList<>();
    Map<String, Pod> pods = new HashMap<>();
    for (Pod p : client.pods().inAnyNamespace().list().getItems()) {
      pods.put(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), p);
    }
    Map<String, CoreAllocation> allocations = new HashMap<>();
    Map<String, String> owners = new HashMap<>();
    for (CoreAllocation a :
        client.resources(CoreAllocation.class).inAnyNamespace().list().getItems()) {
      String key = a.getMetadata().getNamespace() + "/" + a.getMetadata().getName();
      allocations.put(key, a);
      Pod pod = pods.get(key);
      if (pod == null
          || !pod.getMetadata().getUid().equals(a.getSpec().podUid())
          || Pods.terminal(pod)) {
        problems.add("allocation " + key + " has no live pod");
        continue;
      }
      for (int cpu : allCpus(a).stream().toArray()) {
        String owner = owners.put(a.getSpec().nodeName() + "/" + cpu, key);
        if (owner != null) {
          problems.add(
              "CPU " + cpu + " on " + a.getSpec().nodeName() + " held by " + owner + " and " + key);
        }
      }
    }
    for (Pod pod : pods.values()) {
      if (!Pods.boundForUs(pod)) {
        continue;
      }
      String key = Pods.key(pod).namespace() + "/" + Pods.key(pod).name();
      CoreAllocation a = allocations.get(key);
      if (a == null) {
        problems.add(
            "pod " + key + " is bound to " + Pods.nodeName(pod) + " without an allocation");
      } else if (!a.getSpec().nodeName().equals(Pods.nodeName(pod))) {
        problems.add(
            "pod "
                + key
                + " is bound to "
                + Pods.nodeName(pod)
                + ", its allocation is on "
                + a.getSpec().nodeName());
      }
    }
    return problems;
  }

  private static CpuSet allCpus(CoreAllocation a) {
    CpuSet cpus = CpuSet.empty();
    for (var c : a.getSpec().containers()) {
      if (c.cpus() != null && !c.cpus().isEmpty()) {
        cpus = cpus.union(CpuSet.parse(c.cpus()));
      }
    }
    return cpus;
  }
}
