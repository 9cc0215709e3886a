package io.isocore.agent.cgroup;

import java.util.Optional;

/** A pod's Kubernetes QoS class, which decides its cgroup's parent. */
public enum QosClass {
  /** Directly under kubepods. */
  GUARANTEED("Guaranteed", ""),
  /** Under kubepods/burstable. */
  BURSTABLE("Burstable", "burstable"),
  /** Under kubepods/besteffort. */
  BEST_EFFORT("BestEffort", "besteffort");

  private final String apiName;
  private final String dirName;

  QosClass(String apiName, String dirName) {
    this.apiName = apiName;
    this.dirName = dirName;
  }

  /** Returns the class for a pod's {@code status.qosClass}, if it names one. */
  public static Optional<QosClass> fromApi(String value) {
    for (QosClass qos : values()) {
      if (qos.apiName.equals(value)) {
        return Optional.of(qos);
      }
    }
    return Optional.empty();
  }

  /** Returns the name in cgroup paths ("" for guaranteed). */
  public String dirName() {
    return dirName;
  }
}
