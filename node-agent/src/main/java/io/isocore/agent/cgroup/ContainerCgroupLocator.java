package io.isocore.agent.cgroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Finds a pod's and a container's cgroup, for either driver, containerd, CRI-O or Docker naming,
 * and every QoS class:
 *
 * <pre>
 * systemd:  kubepods.slice/kubepods-pod&lt;uid_&gt;.slice/cri-containerd-&lt;id&gt;.scope
 *           kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod&lt;uid_&gt;.slice/crio-&lt;id&gt;.scope
 * cgroupfs: kubepods/pod&lt;uid&gt;/&lt;id&gt;
 *           kubepods/besteffort/pod&lt;uid&gt;/crio-&lt;id&gt;
 * </pre>
 *
 * where {@code uid_} is the pod UID with dashes turned into underscores (systemd escaping). A
 * container whose cgroup is not there yet is reported empty; the caller retries later. A container
 * ID that is not a {@link ContainerId} ({@code containerd://../../x}) never becomes a path: it is
 * reported empty and logged once with the reason.
 */
public final class ContainerCgroupLocator {

  private static final Logger LOG = Logger.getLogger(ContainerCgroupLocator.class);

  private final CpusetCgroups cgroups;
  // IDs already refused, so a bad pod status is logged once, not on every pass
  private final Set<String> refused = ConcurrentHashMap.newKeySet();

  /** Creates a locator over {@code cgroups}. */
  public ContainerCgroupLocator(CpusetCgroups cgroups) {
    this.cgroups = cgroups;
  }

  /** Returns the driver, from which kubepods root exists. */
  public Optional<CgroupDriver> driver() {
    if (cgroups.exists("kubepods.slice")) {
      return Optional.of(CgroupDriver.SYSTEMD);
    }
    if (cgroups.exists("kubepods")) {
      return Optional.of(CgroupDriver.CGROUPFS);
    }
    return Optional.empty();
  }

  /** Returns the kubepods cgroup, if the node has one. */
  public Optional<String> kubepods() {
    return driver().map(ContainerCgroupLocator::kubepods);
  }

  private static String kubepods(CgroupDriver driver) {
    return driver == CgroupDriver.SYSTEMD ? "kubepods.slice" : "kubepods";
  }

  /** Returns the cgroup path of a pod for {@code driver} and {@code qos}, existing or not. */
  public static String podCgroup(CgroupDriver driver, QosClass qos, String podUid) {
    if (driver == CgroupDriver.SYSTEMD) {
      String uid = podUid.replace('-', '_');
      return qos == QosClass.GUARANTEED
          ? "kubepods.slice/kubepods-pod" + uid + ".slice"
          : "kubepods.slice/kubepods-"
              + qos.dirName()
              + ".slice/kubepods-"
              + qos.dirName()
              + "-pod"
              + uid
              + ".slice";
    }
    return qos == QosClass.GUARANTEED
        ? "kubepods/pod" + podUid
        : "kubepods/" + qos.dirName() + "/pod" + podUid;
  }

  /**
   * Returns the directory names a container may have under its pod's cgroup.
   *
   * @throws IllegalArgumentException when the ID is not a {@link ContainerId} (it would become a
   *     path)
   */
  public static List<String> containerNames(CgroupDriver driver, String containerId) {
    ContainerId parsed = ContainerId.parse(containerId);
    String id = parsed.hex();
    String runtime = parsed.runtime();
    List<String> names = new ArrayList<>();
    if (driver == CgroupDriver.SYSTEMD) {
      switch (runtime) {
        case "cri-o" -> names.add("crio-" + id + ".scope");
        case "docker" -> names.add("docker-" + id + ".scope");
        default -> names.add("cri-containerd-" + id + ".scope");
      }
      for (String other :
          List.of(
              "cri-containerd-" + id + ".scope",
              "crio-" + id + ".scope",
              "docker-" + id + ".scope")) {
        if (!names.contains(other)) {
          names.add(other);
        }
      }
    } else {
      if (runtime.equals("cri-o")) {
        names.add("crio-" + id);
        names.add(id);
      } else {
        names.add(id);
        names.add("crio-" + id);
      }
    }
    return names;
  }

  /** Returns the pod's cgroup, trying the given QoS class first, then the others. */
  public Optional<String> locatePod(String podUid, Optional<QosClass> qos) {
    Optional<CgroupDriver> driver = driver();
    if (driver.isEmpty()) {
      return Optional.empty();
    }
    List<QosClass> order = new ArrayList<>();
    qos.ifPresent(order::add);
    for (QosClass q : QosClass.values()) {
      if (!order.contains(q)) {
        order.add(q);
      }
    }
    for (QosClass q : order) {
      String pod = podCgroup(driver.get(), q, podUid);
      if (cgroups.exists(pod)) {
        return Optional.of(pod);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the container's cgroup, or empty when it is not (yet) there.
   *
   * @param podUid the pod's UID
   * @param qos the pod's QoS class, when known
   * @param containerId the ID from the pod's container status, {@code runtime://<64 hex>}
   */
  public Optional<String> locate(String podUid, Optional<QosClass> qos, String containerId) {
    List<String> names;
    try {
      names = containerNames(CgroupDriver.SYSTEMD, containerId);
    } catch (IllegalArgumentException e) {
      if (refused.size() > 10_000) {
        refused.clear();
      }
      if (refused.add(containerId)) {
        LOG.warnf("pod %s: %s", podUid, e.getMessage());
      }
      return Optional.empty();
    }
    Optional<String> pod = locatePod(podUid, qos);
    if (pod.isEmpty()) {
      return Optional.empty();
    }
    CgroupDriver driver =
        pod.get().startsWith("kubepods.slice") ? CgroupDriver.SYSTEMD : CgroupDriver.CGROUPFS;
    names = containerNames(driver, containerId);
    for (String name : names) {
      String path = pod.get() + "/" + name;
      if (cgroups.exists(path)) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }
}
