package io.isocore.agent.cgroup;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A cgroup or procfs file could not be read or written. The message names the file, the value and
 * what the kernel answered.
 */
public final class CgroupAccessException extends IOException {

  private final Path file;
  private final boolean vanished;

  /**
   * Creates the exception.
   *
   * @param action what was done, such as {@code writing '3' to}
   * @param file the file
   * @param cause what the file system answered
   */
  public CgroupAccessException(String action, Path file, IOException cause) {
    super(action + " " + file + " failed: " + reason(cause), cause);
    this.file = file;
    this.vanished = cause instanceof NoSuchFileException;
  }

  /** Returns the file. */
  public Path file() {
    return file;
  }

  /**
   * Returns whether the file was gone: for a container cgroup, the container was removed (a normal
   * race, not a node problem).
   */
  public boolean vanished() {
    return vanished;
  }

  private static String reason(IOException cause) {
    if (cause instanceof NoSuchFileException) {
      return "no such file (the cgroup is gone or the controller is not enabled)";
    }
    String reason = cause instanceof java.nio.file.FileSystemException fse ? fse.getReason() : null;
    if (reason == null) {
      reason = cause.getMessage();
    }
    return reason == null ? cause.getClass().getSimpleName() : reason;
  }
}
