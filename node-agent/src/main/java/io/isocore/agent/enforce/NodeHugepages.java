package io.isocore.agent.enforce;

import io.isocore.core.topology.HugepageSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Free hugepages per NUMA node, from {@code /sys/devices/system/node/node<N>/hugepages}. */
public final class NodeHugepages {

  private final Path sys;

  /**
   * Creates a reader.
   *
   * @param sys the sysfs root, {@code /sys} on a node
   */
  public NodeHugepages(Path sys) {
    this.sys = sys;
  }

  /** Returns the free pages of {@code size} on NUMA node {@code node}; 0 when there is no pool. */
  public long freePages(int node, HugepageSize size) throws IOException {
    Path file =
        sys.resolve(
            "devices/system/node/node"
                + node
                + "/hugepages/"
                + size.sysfsName()
                + "/free_hugepages");
    try {
      return Long.parseLong(Files.readString(file).strip());
    } catch (NoSuchFileException e) {
      return 0;
    } catch (NumberFormatException e) {
      throw new IOException(file + " does not hold a number", e);
    }
  }
}
