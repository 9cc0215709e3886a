package io.isocore.agent.cgroup;

import io.isocore.agent.host.HostFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads and writes single-value kernel files. Writes never create a file: on a real cgroupfs the
 * kernel creates them, and creating one would mean the path is wrong.
 */
final class CgroupFiles {

  private final AtomicLong writes = new AtomicLong();

  String read(Path file) throws CgroupAccessException {
    try {
      return HostFiles.readRequired(file).strip();
    } catch (IOException e) {
      throw new CgroupAccessException("reading", file, e);
    }
  }

  void write(Path file, String value) throws CgroupAccessException {
    try {
      writes.incrementAndGet();
      Files.writeString(
          file,
          value,
          StandardCharsets.US_ASCII,
          StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new CgroupAccessException("writing '" + value + "' to", file, e);
    }
  }

  long writes() {
    return writes.get();
  }
}
