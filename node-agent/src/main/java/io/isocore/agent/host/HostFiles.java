package io.isocore.agent.host;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.topology.HugepageSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one reader of small kernel files (sysfs, procfs, cgroupfs). Absent files (a kernel without
 * schedstats, a thread that just exited) are empty, not errors; {@link #readRequired} is for files
 * whose absence is the caller's error. The few facts more than one part of the agent reads (online
 * CPUs, free hugepages) are read here, once.
 */
public final class HostFiles {

  private final Path root;

  /** Reads under {@code root} (e.g. the host's {@code /proc}). */
  public HostFiles(Path root) {
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
      return Optional.of(readRequired(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      // ESRCH from a task that exited between listing and reading surfaces as a plain IOException
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Reads a whole file starting with one large read: procfs sysctl files answer only a read at
   * offset 0 ({@code Files.readAllBytes} reads one byte first when the size is 0, then gets EOF).
   *
   * @throws IOException when the file is absent or unreadable
   */
  public static String readRequired(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[4096];
      int length = 0;
      int n;
      while ((n = in.read(buf, length, buf.length - length)) > 0) {
        length += n;
        if (length == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
      }
      return new String(buf, 0, length, StandardCharsets.UTF_8);
    }
  }

  /** The online CPUs; empty when the file is absent. */
  public static Optional<String> onlineCpusText(HostRoot host) {
    return read(host.onlineCpus()).map(String::strip);
  }

  /** The online CPUs; empty when the file is absent. */
  public static Optional<CpuSet> onlineCpus(HostRoot host) {
    return onlineCpusText(host).map(CpuSet::parse);
  }

  /**
   * The free pages of {@code size} on NUMA node {@code numaNode}; empty when there is no such pool.
   *
   * @throws IOException when the file does not hold a number
   */
  public static OptionalLong freeHugepages(HostRoot host, int numaNode, HugepageSize size)
      throws IOException {
    return number(host.freeHugepages(numaNode, size));
  }

  /**
   * A file holding one number; empty when absent.
   *
   * @throws IOException naming the file when it does not hold a number
   */
  public static OptionalLong number(Path file) throws IOException {
    Optional<String> text = read(file);
    if (text.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(text.get().strip()));
    } catch (NumberFormatException e) {
      throw new IOException(file + " does not hold a number", e);
    }
  }
}
