package io.isocore.agent.cgroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
 * container whose cgroup is not there yet is reported empty; the caller retries later.
 */
public final class ContainerCgroupLocator {

  private final CpusetCgroups cgroups;

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

  /** Returns the directory names a container may have under its pod's cgroup. */
  public static List<String> containerNames(CgroupDriver driver, String containerId) {
    String id = bareId(containerId);
    String runtime =
        containerId.contains("://") ? containerId.substring(0, containerId.indexOf(':')) : "";
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

  /** Strips the runtime prefix from a container ID such as {@code containerd://abc}. */
  public static String bareId(String containerId) {
    int sep = containerId.indexOf("://");
    return sep < 0 ? containerId : containerId.substring(sep + 3);
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
   * @param containerId the ID from the pod's container status, with or without its runtime prefix
   */
  public Optional<String> locate(String podUid, Optional<QosClass> qos, String containerId) {
    Optional<String> pod = locatePod(podUid, qos);
    if (pod.isEmpty()) {
      return Optional.empty();
    }
    CgroupDriver driver =
        pod.get().startsWith("kubepods.slice") ? CgroupDriver.SYSTEMD : CgroupDriver.CGROUPFS;
    for (String name : containerNames(driver, containerId)) {
      String path = pod.get() + "/" + name;
      if (cgroups.exists(path)) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }
}
