package io.isocore.quickstart.cri;

/** A CRI call the runtime refused or could not answer; the message is one line for a human. */
public final class CriException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with its one-line reason. */
  public CriException(String message, Throwable cause) {
    super(message, cause);
  }
}
