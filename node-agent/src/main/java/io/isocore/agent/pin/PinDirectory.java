package io.isocore.agent.pin;

import io.isocore.core.cpu.CpuSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The node-local directory the start hook reads ({@code isocore-pin-hook}): {@code shared} holds
 * the shared pool, {@code <pod UID>/<container>} an exclusive container's CPUs, each a Linux CPU
 * list and a newline. Every file appears whole: written beside and renamed over; a new pod's
 * directory is filled under a temporary name and renamed into place, so the hook never sees a pod
 * with some of its pins. A file already holding its value is not written; directories of pods no
 * longer pinned are removed (only names that are pod UIDs: nothing else in the directory is
 * touched).
 */
public final class PinDirectory {

  /** The file holding the shared pool. */
  public static final String SHARED = "shared";

  private static final Pattern UID = Pattern.compile("[0-9a-fA-F-]{36}");

  private final Path dir;

  /** A pin directory at {@code dir} (created on the first sync). */
  public PinDirectory(Path dir) {
    this.dir = dir;
  }

  /** Returns the directory. */
  public Path dir() {
    return dir;
  }

  /**
   * Makes the directory hold exactly {@code pins}.
   *
   * @return the number of files written or removed (0 when it already matched)
   * @throws IOException naming the file that could not be written
   */
  public int sync(StartPins pins) throws IOException {
    Files.createDirectories(dir);
    int changes = 0;
    for (Map.Entry<String, Map<String, CpuSet>> pod : pins.pods().entrySet()) {
      if (!UID.matcher(pod.getKey()).matches()) {
        throw new IOException("not a pod UID: '" + pod.getKey() + "' (no pin written for it)");
      }
      changes += syncPod(pod.getKey(), pod.getValue());
    }
    changes += removeStalePods(pins);
    // The shared pool last: a new exclusive CPU leaves it only once its owner's pin is in place.
    if (writeIfChanged(dir, SHARED, pins.shared())) {
      changes++;
    }
    return changes;
  }

  private int syncPod(String uid, Map<String, CpuSet> containers) throws IOException {
    Path pod = dir.resolve(uid);
    int changes = 0;
    if (!Files.isDirectory(pod)) {
      Path staging = Files.createTempDirectory(dir, ".new-" + uid);
      for (Map.Entry<String, CpuSet> c : containers.entrySet()) {
        write(staging.resolve(c.getKey()), c.getValue());
        changes++;
      }
      Files.move(staging, pod, StandardCopyOption.ATOMIC_MOVE);
      return changes;
    }
    for (Map.Entry<String, CpuSet> c : containers.entrySet()) {
      if (writeIfChanged(pod, c.getKey(), c.getValue())) {
        changes++;
      }
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(pod)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        // Dot names are the hook's (.started) or a write in progress: not pins.
        if (!name.startsWith(".") && !containers.containsKey(name)) {
          Files.deleteIfExists(f);
          changes++;
        }
      }
    }
    return changes;
  }

  private int removeStalePods(StartPins pins) throws IOException {
    int changes = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path e : entries) {
        String name = e.getFileName().toString();
        boolean stalePod = UID.matcher(name).matches() && !pins.pods().containsKey(name);
        boolean staleStaging = name.startsWith(".new-");
        if (Files.isDirectory(e) && (stalePod || staleStaging)) {
          deleteTree(e);
          changes++;
        }
      }
    }
    return changes;
  }

  private static boolean writeIfChanged(Path in, String name, CpuSet cpus) throws IOException {
    Path file = in.resolve(name);
    if (current(file).filter(cpus.toListString()::equals).isPresent()) {
      return false;
    }
    write(file, cpus);
    return true;
  }

  private static Optional<String> current(Path file) throws IOException {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static void write(Path file, CpuSet cpus) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, cpus.toListString() + "\n", StandardCharsets.US_ASCII);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new IOException(
          "writing pin " + file + " (" + cpus.toListString() + ") failed: " + e, e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
