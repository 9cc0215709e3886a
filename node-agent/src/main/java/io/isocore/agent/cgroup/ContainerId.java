package io.isocore.agent.cgroup;

import java.util.regex.Pattern;

/**
 * A container ID as a pod's status reports it, checked before any part of it becomes a cgroup path:
 * {@code containerd://}, {@code cri-o://} or {@code docker://} followed by exactly 64 lowercase hex
 * digits, the only form these runtimes produce. Anything else ({@code containerd://../../x}, a
 * slash, an empty or short ID, an unknown runtime) is refused with the reason, since the ID is
 * pasted into a path under the kubepods cgroup.
 *
 * @param runtime {@code containerd}, {@code cri-o} or {@code docker}
 * @param hex the 64 hex digits
 */
public record ContainerId(String runtime, String hex) {

  private static final Pattern FORM = Pattern.compile("(containerd|cri-o|docker)://([0-9a-f]{64})");

  /** Checks the parts; see {@link #parse}. */
  public ContainerId {
    if (!FORM.matcher(runtime + "://" + hex).matches()) {
      throw new IllegalArgumentException(reason(runtime + "://" + hex));
    }
  }

  /**
   * Parses {@code runtime://<64 hex>}.
   *
   * @throws IllegalArgumentException naming the value and the form expected
   */
  public static ContainerId parse(String containerId) {
    var m = FORM.matcher(containerId == null ? "" : containerId);
    if (!m.matches()) {
      throw new IllegalArgumentException(reason(containerId));
    }
    return new ContainerId(m.group(1), m.group(2));
  }

  private static String reason(String containerId) {
    String shown =
        containerId == null
            ? "null"
            : "'"
                + (containerId.length() > 100 ? containerId.substring(0, 100) + "..." : containerId)
                + "'";
    return "container ID "
        + shown
        + " is not containerd://, cri-o:// or docker:// followed by 64 lowercase hex digits;"
        + " not used as a cgroup path";
  }

  @Override
  public String toString() {
    return runtime + "://" + hex;
  }
}
