package io.isocore.kube.events;

/**
 * A reason an application records Events for. Each application lists its reasons in an enum that
 * implements this, so that {@code kubectl get events --field-selector reason=...} has a closed set.
 */
public interface EventReason {

  /** The PascalCase reason ({@code Scheduled}, {@code Applied}); an enum's constant name. */
  String name();

  /** {@code Normal} or {@code Warning}. */
  String type();
}
