package io.isocore.quickstart.containerd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * containerd that cannot serve: each case ends in one line naming the cause, and nothing of the
 * attempt remains. Stand-in binaries on a private PATH provoke the faults without root.
 */
class ContainerdStartTest {

  @TempDir Path tmp;

  @Test
  void missingBinariesAreNamedAndNothingIsCreated() {
    Path run = tmp.resolve("run/containerd");
    assertThatThrownBy(() -> Containerd.start(run, tmp.resolve("empty").toString()))
        .isInstanceOf(RuntimeUnavailableException.class)
        .hasMessage(
            "containerd not found (no [containerd, containerd-shim-runc-v2, runc, ctr] on PATH)");
    assertThat(run).doesNotExist();
  }

  @Test
  void aContainerdThatExitsIsReportedWithItsLastErrorAndItsDirectoryRemoved() throws IOException {
    Path bin =
        fakeBinaries(
            "echo 'time=\"2026-01-01T00:00:00Z\" level=info msg=\"starting containerd\"'\n"
                + "echo 'time=\"2026-01-01T00:00:00Z\" level=fatal msg=\"failed to create listener\""
                + " error=\"permission denied\"'\nexit 1\n");
    Path run = tmp.resolve("run/containerd");
    assertThatThrownBy(() -> Containerd.start(run, bin.toString()))
        .isInstanceOf(RuntimeUnavailableException.class)
        .hasMessage(
            "containerd exited with 1: msg=\"failed to create listener\" error=\"permission denied\"");
    assertThat(run).doesNotExist();
  }

  @Test
  void aSocketPathTooLongForUnixSocketsIsRefusedBeforeStarting() throws IOException {
    Path bin = fakeBinaries("exit 0\n");
    Path run = tmp.resolve("x".repeat(120));
    assertThatThrownBy(() -> Containerd.start(run, bin.toString()))
        .isInstanceOf(RuntimeUnavailableException.class)
        .hasMessageContaining("is too long for a Unix socket");
    assertThat(run).doesNotExist();
  }

  @Test
  void versionsAreShortened() {
    assertThat(Containerd.shortVersion("1.6.20~ds1")).isEqualTo("1.6.20");
    assertThat(Containerd.shortVersion("v1.7.2")).isEqualTo("1.7.2");
  }

  /** A PATH directory whose containerd runs {@code script}; the other binaries do nothing. */
  private Path fakeBinaries(String script) throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    for (String name : new String[] {"containerd", "containerd-shim-runc-v2", "runc", "ctr"}) {
      Path file = bin.resolve(name);
      Files.writeString(file, "#!/bin/sh\n" + (name.equals("containerd") ? script : "exit 0\n"));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return bin;
  }
}
