package io.isocore.agent.cli;

/** A command line that cannot be run, with what is wrong. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
