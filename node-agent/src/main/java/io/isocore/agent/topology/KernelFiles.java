package io.isocore.agent.topology;

import io.isocore.agent.host.HostFiles;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.node.Degradation;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Reads the small text files of sysfs and procfs under a filesystem root. A missing file is normal
 * (old kernels lack many) and yields empty; a file that exists but cannot be read or parsed yields
 * empty and records a {@link Degradation} naming it. Never throws for bad content.
 */
public final class KernelFiles {

  private final Path root;
  private final List<Degradation> degradations = new ArrayList<>();

  /** Reads files under {@code root} ({@code /} on the live machine). */
  public KernelFiles(Path root) {
    this.root = root;
  }

  /** Returns the root the files are read under. */
  public Path root() {
    return root;
  }

  /** Resolves a path such as {@code sys/devices/system/cpu} against the root. */
  public Path path(String relative) {
    return root.resolve(relative);
  }

  /** Returns the degradations recorded so far, in the order met. */
  public List<Degradation> degradations() {
    return List.copyOf(degradations);
  }

  /** Records a degradation for a file (relative to the root or absolute under it). */
  public void degrade(Path file, String problem) {
    degradations.add(new Degradation(display(file), problem));
  }

  /** Returns the path as seen on the machine read: {@code /sys/...}. */
  public String display(Path file) {
    Path relative = file.isAbsolute() && file.startsWith(root) ? root.relativize(file) : file;
    return "/" + relative.toString().replace('\\', '/');
  }

  /**
   * Returns the file's text with stray NUL bytes and surrounding white space removed; empty when
   * the file does not exist, and empty plus a degradation when it cannot be read.
   */
  public Optional<String> text(Path file) {
    try {
      return Optional.of(clean(readFully(file)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (AccessDeniedException e) {
      degrade(file, "permission denied");
      return Optional.empty();
    } catch (IOException e) {
      degrade(file, describe(file, e));
      return Optional.empty();
    } catch (RuntimeException e) {
      degrade(file, "unreadable: " + e);
      return Optional.empty();
    }
  }

  /** Like {@link #text(Path)} but a missing file is a degradation too. */
  public Optional<String> requiredText(Path file) {
    if (!Files.exists(file)) {
      degrade(file, "missing");
      return Optional.empty();
    }
    return text(file);
  }

  /** Reads a CPU list file ({@code 0-3,8}); garbage is a degradation. */
  public Optional<CpuSet> cpuList(Path file) {
    return parsed(file, CpuSet::parse, "a CPU list");
  }

  /** Reads a hex CPU mask file ({@code 0000ff0f}); garbage is a degradation. */
  public Optional<CpuSet> cpuMask(Path file) {
    return parsed(file, CpuSet::parseMask, "a hex CPU mask");
  }

  /**
   * Reads the list file, or where it is missing (old kernels) the mask file next to it. A list file
   * that exists but holds garbage is not replaced by the mask: the degradation stands.
   */
  public Optional<CpuSet> cpuListOrMask(Path listFile, Path maskFile) {
    if (Files.exists(listFile)) {
      Optional<CpuSet> list = cpuList(listFile);
      if (list.isPresent()) {
        return list;
      }
    }
    return cpuMask(maskFile);
  }

  /** Reads a decimal integer file; garbage (or an empty, truncated file) is a degradation. */
  public OptionalLong number(Path file) {
    Optional<Long> value =
        parsed(
            file,
            s -> {
              if (s.isEmpty()) {
                throw new NumberFormatException("the file is empty");
              }
              return Long.parseLong(s);
            },
            "an integer");
    return value.map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  /** Parses a file's text with {@code parser}; a parse failure becomes a degradation. */
  public <T> Optional<T> parsed(Path file, Function<String, T> parser, String expected) {
    Optional<String> text = text(file);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(parser.apply(text.get()));
    } catch (IllegalArgumentException e) {
      degrade(file, "expected " + expected + ", found '" + shorten(text.get()) + "': " + reason(e));
      return Optional.empty();
    }
  }

  /** Lists the entries of a directory whose names start with {@code prefix}; empty if none. */
  public List<Path> list(Path dir, String prefix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var stream = Files.newDirectoryStream(dir, prefix + "*")) {
      List<Path> out = new ArrayList<>();
      stream.forEach(out::add);
      return out;
    } catch (IOException | RuntimeException e) {
      degrade(dir, "cannot list the directory: " + e.getMessage());
      return List.of();
    }
  }

  /** Reads a whole file through the agent's one kernel-file reader. */
  static String readFully(Path file) throws IOException {
    return HostFiles.readRequired(file);
  }

  /** Removes stray NUL bytes and surrounding white space, as found at the end of some dumps. */
  static String clean(String raw) {
    int end = raw.length();
    while (end > 0
        && (raw.charAt(end - 1) == '\0' || Character.isWhitespace(raw.charAt(end - 1)))) {
      end--;
    }
    int start = 0;
    while (start < end
        && (raw.charAt(start) == '\0' || Character.isWhitespace(raw.charAt(start)))) {
      start++;
    }
    String trimmed = raw.substring(start, end);
    return trimmed.indexOf('\0') >= 0 ? trimmed.replace("\0", "") : trimmed;
  }

  private static String describe(Path file, IOException e) {
    if (Files.isDirectory(file)) {
      return "expected a file, found a directory";
    }
    String message = e.getMessage();
    if (message != null && message.contains("Permission denied")) {
      return "permission denied";
    }
    return "unreadable: " + e.getClass().getSimpleName() + (message == null ? "" : " " + message);
  }

  private static String reason(RuntimeException e) {
    return e instanceof NumberFormatException ? "not a decimal integer" : e.getMessage();
  }

  private static String shorten(String text) {
    String oneLine = text.replace('\n', ' ');
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }
}
