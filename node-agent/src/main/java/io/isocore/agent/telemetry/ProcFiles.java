package io.isocore.agent.telemetry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads small kernel files under a root ({@code /proc}, {@code /sys}, or a fixture tree in tests).
 * Absent files (a kernel without schedstats, a thread that just exited) are empty, not errors.
 */
public final class ProcFiles {

  private final Path root;

  /** Reads under {@code root}. */
  public ProcFiles(Path root) {
    this.root = root;
  }

  /** The root this reader resolves against. */
  public Path root() {
    return root;
  }

  /** Returns the file's text, or empty when it does not exist or vanished while being read. */
  public Optional<String> read(String relative) {
    return read(root.resolve(relative));
  }

  /** Returns the file's text, or empty when it does not exist or vanished while being read. */
  public static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      // ESRCH from a task that exited between listing and reading surfaces as a plain IOException
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      throw new java.io.UncheckedIOException("cannot read " + file, e);
    }
  }
}
