package io.isocore.quickstart.containerd;

/** containerd cannot serve this run; the message is the one-line reason the quickstart prints. */
public final class RuntimeUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with its one-line reason. */
  public RuntimeUnavailableException(String reason) {
    super(reason);
  }

  /** Creates the exception with its one-line reason and cause. */
  public RuntimeUnavailableException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
