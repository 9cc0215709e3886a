package io.isocore.core.telemetry;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the pod and container of a process from {@code /proc/<pid>/cgroup}.
 *
 * <p>Handles both cgroup drivers and versions: systemd ({@code
 * kubepods-burstable-pod1a2b_3c4d.slice/cri-containerd-<id>.scope}, where the UID's dashes are
 * underscores), cgroupfs ({@code /kubepods/burstable/pod1a2b-3c4d/<id>}), cgroup v2's single {@code
 * 0::} line and v1's per-controller lines, and the containerd, CRI-O and Docker scope prefixes.
 * CRI-O's {@code crio-conmon-<id>} monitor is not the container and is not matched.
 */
public final class CgroupMembership {

  private static final Pattern POD =
      Pattern.compile(
          "pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})");
  private static final Pattern CONTAINER =
      Pattern.compile(
          "/(?:cri-containerd-|crio-|docker-|cri-o-)?([0-9a-f]{64})(?:\\.scope)?(?:/|$)");

  private CgroupMembership() {}

  /** Returns the container the process belongs to, or empty for processes outside pods. */
  public static Optional<ContainerKey> parse(String cgroupText) {
    Optional<ContainerKey> fallback = Optional.empty();
    for (String line : cgroupText.lines().toList()) {
      // hierarchy-id:controllers:path ; the path may itself contain ':'
      int first = line.indexOf(':');
      int second = first < 0 ? -1 : line.indexOf(':', first + 1);
      if (second < 0) {
        continue;
      }
      String controllers = line.substring(first + 1, second);
      Optional<ContainerKey> key = fromPath(line.substring(second + 1).strip());
      if (key.isPresent()) {
        if (controllers.isEmpty() || controllers.contains("cpuset")) {
          return key;
        }
        fallback = fallback.or(() -> key);
      }
    }
    return fallback;
  }

  /** Returns the container a cgroup path belongs to, or empty. */
  public static Optional<ContainerKey> fromPath(String path) {
    Matcher pod = POD.matcher(path);
    if (!pod.find()) {
      return Optional.empty();
    }
    Matcher container = CONTAINER.matcher(path);
    if (!container.find() || container.start() < pod.end()) {
      return Optional.empty();
    }
    return Optional.of(new ContainerKey(pod.group(1).replace('_', '-'), container.group(1)));
  }
}
