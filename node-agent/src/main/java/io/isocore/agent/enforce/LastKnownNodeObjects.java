package io.isocore.agent.enforce;

import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.LatencyTenant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The node's objects as last seen current: when the API server or the informer caches fail (not
 * synced, watch lost, a request error), every answer comes from the last pass that read them
 * current, so the agent keeps the last known profile, tenants, allocations and pods and never falls
 * back to defaults for a pass. Before the first current answer it knows nothing, and {@link
 * #unknown} says so: the reconciler then writes nothing on the node.
 *
 * <p>Each method is read by one enforcement thread at a time; the maps are concurrent for the
 * metrics' readers.
 */
public final class LastKnownNodeObjects implements NodeObjects {

  private static final Logger LOG = Logger.getLogger(LastKnownNodeObjects.class);

  private final NodeObjects source;
  private volatile List<CoreAllocation> allocations;
  private volatile Map<String, String> labels;
  private volatile List<IsolationProfile> profiles;
  private final Map<String, Optional<Pod>> pods = new ConcurrentHashMap<>();
  private final Map<String, Optional<LatencyTenant>> tenants = new ConcurrentHashMap<>();
  private volatile boolean stale;
  private boolean unknownLogged;

  /** Wraps {@code source}. */
  public LastKnownNodeObjects(NodeObjects source) {
    this.source = source;
  }

  @Override
  public List<CoreAllocation> allocations() {
    List<CoreAllocation> fresh = fresh(source::allocations);
    if (fresh != null) {
      allocations = fresh;
      Set<String> keep = new HashSet<>();
      fresh.stream()
          .filter(a -> a.getSpec() != null && a.getSpec().podName() != null)
          .forEach(a -> keep.add(a.getMetadata().getNamespace() + "/" + a.getSpec().podName()));
      pods.keySet().retainAll(keep); // pods of allocations that are gone are not needed again
    }
    return allocations == null ? List.of() : allocations;
  }

  @Override
  public Optional<Pod> pod(String namespace, String name) {
    String key = namespace + "/" + name;
    Optional<Pod> fresh = fresh(() -> source.pod(namespace, name));
    if (fresh != null) {
      pods.put(key, fresh);
      return fresh;
    }
    return pods.getOrDefault(key, Optional.empty());
  }

  @Override
  public Map<String, String> nodeLabels() {
    Map<String, String> fresh = fresh(source::nodeLabels);
    if (fresh != null) {
      labels = Map.copyOf(fresh);
    }
    return labels == null ? Map.of() : labels;
  }

  @Override
  public List<IsolationProfile> profiles() {
    List<IsolationProfile> fresh = fresh(source::profiles);
    if (fresh != null) {
      profiles = List.copyOf(fresh);
    }
    return profiles == null ? List.of() : profiles;
  }

  @Override
  public Optional<LatencyTenant> tenant(String name) {
    Optional<LatencyTenant> fresh = fresh(() -> source.tenant(name));
    if (fresh != null) {
      tenants.put(name, fresh);
      return fresh;
    }
    return tenants.getOrDefault(name, Optional.empty());
  }

  /** Whether the last answer came from the source (not from what was last known). */
  @Override
  public boolean current() {
    return !stale && source.current();
  }

  @Override
  public Optional<String> unknown() {
    if (labels != null && profiles != null) {
      return Optional.empty();
    }
    // read once so that a source that just became current is seen in this pass
    nodeLabels();
    profiles();
    if (labels != null && profiles != null) {
      return Optional.empty();
    }
    String why =
        "the API server has not answered since the agent started (caches not synced):"
            + " no IsolationProfile is known, so nothing is written on this node";
    if (!unknownLogged) {
      unknownLogged = true;
      LOG.warn(why);
    }
    return Optional.of(why);
  }

  /** The source's answer, or null when it is not current or failed (logged once per outage). */
  private <T> T fresh(Supplier<T> read) {
    if (!source.current()) {
      outage("the caches are not synced or lost their watch");
      return null;
    }
    try {
      T value = read.get();
      if (stale) {
        stale = false;
        LOG.info("the API server answers again: enforcing from current objects");
      }
      return value;
    } catch (RuntimeException e) {
      outage(e.toString());
      return null;
    }
  }

  private void outage(String why) {
    if (!stale) {
      stale = true;
      LOG.warnf(
          "Kubernetes objects unavailable (%s): keeping the last known profile, tenants and"
              + " allocations; no default is ever enforced",
          why);
    }
  }
}
