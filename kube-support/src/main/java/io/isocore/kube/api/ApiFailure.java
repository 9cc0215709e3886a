package io.isocore.kube.api;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One line for a failed API call, for logs, Events and conditions. The client's own message names
 * nothing when the request never got an answer (Fabric8 says "An error has occurred." for a refused
 * connection, a timeout or an interrupt alike): the line then ends with the innermost cause, the
 * fact a human needs ({@code ConnectException: Connection refused}).
 */
public final class ApiFailure {

  /** Causes followed at most, against pathological chains. */
  private static final int MAX_DEPTH = 16;

  private ApiFailure() {}

  /** The failure's message, its HTTP code if the API answered, and its innermost cause. */
  public static String describe(Throwable failure) {
    String message = failure.getMessage();
    StringBuilder line =
        new StringBuilder(
            message == null || message.isBlank() ? failure.getClass().getSimpleName() : message);
    if (failure instanceof KubernetesClientException api
        && api.getCode() > 0
        && !line.toString().contains(Integer.toString(api.getCode()))) {
      line.append(" (HTTP ").append(api.getCode()).append(')');
    }
    Throwable root = innermost(failure);
    if (root != failure) {
      String rootMessage = root.getMessage();
      String said = line.toString();
      if (rootMessage == null || rootMessage.isBlank()) {
        if (!said.contains(root.getClass().getSimpleName())) {
          line.append(" (").append(root.getClass().getSimpleName()).append(')');
        }
      } else if (!said.contains(rootMessage)) {
        line.append(" (")
            .append(root.getClass().getSimpleName())
            .append(": ")
            .append(rootMessage)
            .append(')');
      }
    }
    return line.toString();
  }

  private static Throwable innermost(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Throwable t = failure;
    while (t.getCause() != null && seen.put(t, Boolean.TRUE) == null && seen.size() < MAX_DEPTH) {
      t = t.getCause();
    }
    return t;
  }
}
