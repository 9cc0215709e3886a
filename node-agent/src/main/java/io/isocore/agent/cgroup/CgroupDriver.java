package io.isocore.agent.cgroup;

/** How the kubelet and the runtime name cgroups. */
public enum CgroupDriver {
  /** systemd slices and scopes: {@code kubepods.slice/kubepods-burstable.slice/...}. */
  SYSTEMD,
  /** Plain directories: {@code kubepods/burstable/pod<uid>/<container id>}. */
  CGROUPFS
}
