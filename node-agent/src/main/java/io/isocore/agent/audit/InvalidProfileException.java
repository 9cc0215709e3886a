package io.isocore.agent.audit;

/** An IsolationProfile that cannot be used, with the file and the reason. */
public final class InvalidProfileException extends RuntimeException {
  /** Creates the exception. */
  public InvalidProfileException(String message) {
    super(message);
  }
}
