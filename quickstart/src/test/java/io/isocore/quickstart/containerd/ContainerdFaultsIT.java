package io.isocore.quickstart.containerd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.isocore.quickstart.cri.CriException;
import io.isocore.quickstart.kubelet.CriContainers;
import io.isocore.quickstart.kubelet.CriRuntime;
import io.isocore.quickstart.kubelet.PodResources;
import io.isocore.quickstart.kubelet.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on a real containerd: an image import that fails and a CRI call the runtime refuses each
 * end in one line naming the call and the cause, and leave no sandbox, cgroup, process or state.
 * Root, cgroup v1 and containerd only; otherwise skipped, saying why.
 */
class ContainerdFaultsIT {

  @TempDir Path tmp;

  @BeforeEach
  void needsContainerd() {
    Optional<String> why =
        !"root".equals(System.getProperty("user.name"))
            ? Optional.of("not root")
            : !Containerd.missingBinaries().isEmpty()
                ? Optional.of("containerd not installed: " + Containerd.missingBinaries())
                : !Files.isWritable(Path.of("/sys/fs/cgroup/cpuset/cpuset.cpus"))
                    ? Optional.of("no writable cgroup v1 cpuset hierarchy")
                    : !Files.isExecutable(Path.of("/bin/busybox"))
                        ? Optional.of("busybox-static not installed")
                        : Optional.empty();
    why.ifPresent(reason -> System.out.println("ContainerdFaultsIT skipped: " + reason));
    assumeTrue(why.isEmpty(), why.orElse(""));
  }

  @Test
  void aFailedImportIsOneLineAndLeavesNothing() throws Exception {
    Path dir = tmp.resolve("containerd");
    Containerd containerd = Containerd.start(dir);
    try {
      Path bad = Files.writeString(tmp.resolve("bad.tar"), "not an OCI archive");
      assertThatThrownBy(() -> containerd.importImage(bad))
          .isInstanceOf(RuntimeUnavailableException.class)
          .hasMessageStartingWith("image import of bad.tar failed (exit 1): ")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    } finally {
      containerd.close();
    }
    assertNothingLeft(dir);
  }

  @Test
  void aRefusedCriCallLeavesNoSandboxAndNoPodCgroup() throws Exception {
    Path dir = tmp.resolve("containerd");
    String name = "isocore-quickstart-faults-" + ProcessHandle.current().pid();
    Containerd containerd = Containerd.start(dir);
    try (Sandbox sandbox = Sandbox.create(Path.of("/sys/fs/cgroup"), name)) {
      Path classpath = Files.createDirectories(tmp.resolve("classpath"));
      Path hdr =
          Path.of(
              org.HdrHistogram.Histogram.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      Files.copy(hdr, classpath.resolve(hdr.getFileName()));
      Path root = Path.of(System.getProperty("isocore.root", "..")).toAbsolutePath().normalize();
      ContainerdImages.buildAndImport(
          containerd,
          root.resolve("quickstart/images/build-images.sh"),
          tmp.resolve("images"),
          Path.of(System.getProperty("java.home")),
          classpath);
      CriRuntime runtime =
          new CriRuntime(
              containerd.cri(),
              containerd.version(),
              sandbox,
              "node",
              new CriContainers(
                  "node",
                  Path.of(System.getProperty("java.home")),
                  tmp.resolve("pods"),
                  path -> path));
      Pod pod =
          new PodBuilder()
              .withNewMetadata()
              .withName("missing-image")
              .withNamespace("default")
              .withUid("0b7c1e52-0000-4000-8000-000000000001")
              .endMetadata()
              .withNewSpec()
              .addNewContainer()
              .withName("c")
              .withImage("isocore.local/missing:1")
              .endContainer()
              .endSpec()
              .build();
      String podCgroup = PodResources.podCgroup(pod);
      assertThatThrownBy(() -> runtime.start(pod, podCgroup))
          .isInstanceOf(CriException.class)
          .hasMessageContaining("CRI CreateContainer on ")
          .hasMessageContaining(" refused: ")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      assertThat(containerd.cri().listPodSandboxes()).as("sandboxes after the refusal").isEmpty();
      assertThat(Path.of("/sys/fs/cgroup/cpuset", name).resolve(podCgroup)).doesNotExist();
      assertThat(Path.of("/sys/fs/cgroup/memory", name).resolve(podCgroup)).doesNotExist();
    } finally {
      containerd.close();
    }
    try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
      assertThat(hierarchies.map(h -> h.resolve(name)).filter(Files::exists).toList()).isEmpty();
    }
    assertNothingLeft(dir);
  }

  private static void assertNothingLeft(Path dir) throws Exception {
    assertThat(dir).doesNotExist();
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(dir.toString());
    assertThat(ProcessHandle.allProcesses())
        .noneMatch(p -> p.info().commandLine().orElse("").contains(dir.toString()));
  }
}
