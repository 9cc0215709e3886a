package io.isocore.agent.irq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes an IRQ's {@code smp_affinity_list}; a seam so fixture tests can answer like the kernel.
 */
@FunctionalInterface
public interface AffinityWriter {

  /** Writes {@code value} to {@code file}, never creating it. */
  void write(Path file, String value) throws IOException;

  /** The real writer. */
  AffinityWriter FILES =
      (file, value) ->
          Files.writeString(
              file,
              value,
              StandardCharsets.US_ASCII,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
}
