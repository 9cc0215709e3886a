package io.isocore.agent.irq;

import io.isocore.agent.host.HostFiles;
import io.isocore.agent.host.HostRoot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * The IRQ state file ({@code <state-dir>/irq-affinity}): written durably (a temporary file, fsync,
 * atomic rename, fsync of the directory) before isocore changes the kernel, so that a crash at any
 * point leaves either the old or the new state, never a torn one, and never a moved IRQ without its
 * original. A file that cannot be parsed, or that belongs to another boot (IRQ numbers change
 * across reboots), is set aside under a new name, never deleted, and the agent starts empty.
 */
public final class IrqStateFile {

  private static final DateTimeFormatter SUFFIX =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path file;
  private final HostRoot host;
  private final Clock clock;

  /**
   * Creates the file's handle.
   *
   * @param file where the state lives
   * @param host the host whose {@code /proc/sys/kernel/random/boot_id} names the boot
   */
  public IrqStateFile(Path file, HostRoot host, Clock clock) {
    this.file = file;
    this.host = host;
    this.clock = clock;
  }

  /** Creates the handle with the system clock. */
  public IrqStateFile(Path file, HostRoot host) {
    this(file, host, Clock.systemUTC());
  }

  /** The file. */
  public Path path() {
    return file;
  }

  /**
   * The boot id of the running kernel; {@code unknown} where the kernel has no such file (then no
   * state file can be told apart from another boot's, and only the file's own boot id guards it).
   */
  public String bootId() {
    return HostFiles.read(host.proc().resolve("sys/kernel/random/boot_id"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .orElse("unknown");
  }

  /**
   * What was set aside and why.
   *
   * @param file the state file
   * @param movedTo its new name
   * @param reason what was wrong with it
   */
  public record SetAside(Path file, Path movedTo, String reason) {
    /** One sentence for the log and the Event. */
    public String message() {
      return "IRQ state file "
          + file
          + " set aside as "
          + movedTo.getFileName()
          + ": "
          + reason
          + "; IRQ affinities it recorded are not restored automatically (see"
          + " docs/operations.md)";
    }
  }

  /**
   * The state read at start-up.
   *
   * @param state the state of this boot (empty when there was no usable file)
   * @param setAside the file that was set aside, if any
   */
  public record Loaded(IrqState state, Optional<SetAside> setAside) {}

  /**
   * Reads the state; a corrupt or foreign-boot file is renamed with a suffix and an empty state of
   * this boot returned.
   *
   * @throws IOException when the file exists but cannot be read or renamed
   */
  public Loaded load() throws IOException {
    String boot = bootId();
    IrqState empty = new IrqState(boot, Map.of());
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new Loaded(empty, Optional.empty());
    } catch (java.nio.charset.CharacterCodingException e) {
      return new Loaded(empty, Optional.of(setAside("corrupt", "it is not UTF-8 text")));
    }
    IrqState state;
    try {
      state = IrqState.parse(file, text);
    } catch (InvalidIrqStateException e) {
      return new Loaded(empty, Optional.of(setAside("corrupt", e.getMessage())));
    }
    if (!state.bootId().equals(boot)) {
      return new Loaded(
          empty,
          Optional.of(
              setAside(
                  "foreign-boot",
                  "it was written in boot "
                      + state.bootId()
                      + ", this is boot "
                      + boot
                      + " (IRQ numbers change across reboots)")));
    }
    return new Loaded(state, Optional.empty());
  }

  /**
   * Reads the state without changing anything, for {@code isocore-agent restore}: empty when there
   * is no file.
   *
   * @throws InvalidIrqStateException naming the file and line when it cannot be parsed
   * @throws IOException when it cannot be read
   */
  public Optional<IrqState> read() throws IOException, InvalidIrqStateException {
    try {
      return Optional.of(IrqState.parse(file, Files.readString(file, StandardCharsets.UTF_8)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new InvalidIrqStateException(file, "it is not UTF-8 text");
    }
  }

  /**
   * Writes the state durably: temporary file, fsync, atomic rename, fsync of the directory.
   *
   * @throws IOException naming the file
   */
  public void save(IrqState state) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    try (FileChannel out =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer bytes = ByteBuffer.wrap(state.format().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      out.force(true);
    } catch (IOException e) {
      throw new IOException("cannot write the IRQ state file " + tmp + ": " + e, e);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(dir);
    } catch (IOException e) {
      throw new IOException("cannot replace the IRQ state file " + file + ": " + e, e);
    }
  }

  private SetAside setAside(String kind, String reason) throws IOException {
    String base = file.getFileName() + "." + kind + "-" + SUFFIX.format(Instant.now(clock));
    Path target = file.resolveSibling(base);
    for (int i = 1; Files.exists(target); i++) {
      target = file.resolveSibling(base + "-" + i);
    }
    try {
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new IOException(
          "cannot set aside the IRQ state file " + file + " (" + reason + "): " + e, e);
    }
    return new SetAside(file, target, reason);
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }
}
