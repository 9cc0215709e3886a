package io.isocore.agent.pin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The start hook ({@code src/main/hook/isocore-pin-hook}) run with {@code sh}, as runc runs it,
 * against a fixture host root: the OCI state on stdin, {@code /proc/<pid>/cgroup} and the cpuset
 * cgroups of every layout (cgroup v1 and v2, cgroupfs and systemd drivers).
 */
class StartPinHookTest {

  static final Path HOOK = Path.of("src/main/hook/isocore-pin-hook").toAbsolutePath();
  static final String UID = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";
  static final int PID = 4242;

  /** The cgroup layouts the hook must find its way in. */
  enum Layout {
    V1_CGROUPFS("/sys/fs/cgroup/cpuset", "/kubepods/pod" + UID + "/c0ffee", true),
    V1_SYSTEMD(
        "/sys/fs/cgroup/cpuset",
        "/kubepods.slice/kubepods-pod"
            + UID.replace('-', '_')
            + ".slice/cri-containerd-c0ffee.scope",
        true),
    V2_CGROUPFS("/sys/fs/cgroup", "/kubepods/burstable/pod" + UID + "/c0ffee", false),
    V2_SYSTEMD(
        "/sys/fs/cgroup",
        "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod"
            + UID.replace('-', '_')
            + ".slice/crio-c0ffee.scope",
        false);

    final String mount;
    final String path;
    final boolean v1;

    Layout(String mount, String path, boolean v1) {
      this.mount = mount;
      this.path = path;
      this.v1 = v1;
    }
  }

  @TempDir Path root;

  /** Lays out the node: every ancestor on CPUs 0,2-3 (CPU 1 idle), the container likewise. */
  private Path node(Layout layout) throws IOException {
    Files.createDirectories(root.resolve("proc/" + PID));
    Files.createDirectories(root.resolve("proc/self"));
    Files.writeString(
        root.resolve("proc/" + PID + "/cgroup"),
        layout.v1
            ? "7:cpu,cpuacct:" + layout.path + "\n4:cpuset:" + layout.path + "\n1:name=systemd:/\n"
            : "0::" + layout.path + "\n");
    Files.writeString(
        root.resolve("proc/self/mountinfo"),
        layout.v1
            ? "30 25 0:26 / /sys/fs/cgroup/cpuset rw,nosuid shared:9 - cgroup cgroup rw,cpuset\n"
            : "30 25 0:26 / /sys/fs/cgroup rw,nosuid shared:9 - cgroup2 cgroup2 rw\n");
    Path dir = root.resolve(layout.mount.substring(1));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("cpuset.cpus"), "0-3\n");
    for (String part : layout.path.substring(1).split("/")) {
      dir = dir.resolve(part);
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("cpuset.cpus"), "0,2-3\n");
    }
    Path pins = Files.createDirectories(root.resolve("pins"));
    Files.writeString(pins.resolve("shared"), "0,2-3\n");
    return dir;
  }

  private static String state(String type, String name, String... annotations) {
    StringBuilder a = new StringBuilder();
    a.append("\"io.kubernetes.cri.container-type\":\"").append(type).append('"');
    if (name != null) {
      a.append(",\"io.kubernetes.cri.container-name\":\"").append(name).append('"');
    }
    for (int i = 0; i < annotations.length; i += 2) {
      a.append(",\"").append(annotations[i]).append("\":\"").append(annotations[i + 1]).append('"');
    }
    return "{\"ociVersion\":\"1.0.2\",\"id\":\"c0ffee\",\"status\":\"creating\",\"pid\":"
        + PID
        + ",\"bundle\":\"/run/x\",\"annotations\":{"
        + a
        + "}}";
  }

  record Run(int exit, String stderr) {}

  private Run hook(String state, String... extra) throws Exception {
    java.util.List<String> cmd =
        new java.util.ArrayList<>(
            java.util.List.of(
                "sh",
                HOOK.toString(),
                "--pins",
                root.resolve("pins").toString(),
                "--host-root",
                root.toString()));
    cmd.addAll(java.util.List.of(extra));
    Process p = new ProcessBuilder(cmd).start();
    p.getOutputStream().write(state.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(p.getErrorStream().readAllBytes()));
  }

  private static String cpus(Path dir) throws IOException {
    return Files.readString(dir.resolve("cpuset.cpus")).strip();
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void exclusiveContainerGetsItsPinAndItsAncestorsWidenFirst(Layout layout) throws Exception {
    Path leaf = node(layout);
    Files.createDirectories(root.resolve("pins/" + UID));
    Files.writeString(root.resolve("pins/" + UID + "/engine"), "1\n");
    Run run = hook(state("container", "engine", "isocore.io/exclusive-cpus.engine", "1"));
    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(cpus(leaf)).isEqualTo("1");
    // Recorded for the agent, which keeps it there until the pod status names the container.
    assertThat(root.resolve("pins/" + UID + "/.started/" + leaf.getFileName())).hasContent("1");
    // The pod cgroup and every ancestor now hold CPU 1 as well as what they had.
    for (Path p = leaf.getParent(); !p.equals(root.resolve(layout.mount.substring(1))); ) {
      assertThat(cpus(p)).as(p.toString()).isEqualTo("0,1,2,3");
      p = p.getParent();
    }
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void sandboxAndSidecarsGetTheSharedPool(Layout layout) throws Exception {
    Path leaf = node(layout);
    Files.writeString(leaf.resolve("cpuset.cpus"), "0-3\n");
    Files.createDirectories(root.resolve("pins/" + UID));
    Files.writeString(root.resolve("pins/" + UID + "/engine"), "1\n");
    Files.writeString(root.resolve("pins/shared"), "0,3\n");
    assertThat(hook(state("sandbox", null, "isocore.io/exclusive-cpus.engine", "1")).exit())
        .isZero();
    assertThat(cpus(leaf)).isEqualTo("0,3");
    Files.writeString(leaf.resolve("cpuset.cpus"), "0-3\n");
    assertThat(hook(state("container", "sidecar", "isocore.io/exclusive-cpus.engine", "1")).exit())
        .isZero();
    assertThat(cpus(leaf)).isEqualTo("0,3");
    // Ancestors are not narrowed by the hook (the agent's pass does that).
    assertThat(cpus(leaf.getParent())).isEqualTo("0,2-3");
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void hotThreadContainerGetsItsPinAndTheSharedPool(Layout layout) throws Exception {
    Path leaf = node(layout);
    Files.createDirectories(root.resolve("pins/" + UID));
    Files.writeString(root.resolve("pins/" + UID + "/engine"), "1\n");
    Run run =
        hook(
            state(
                "container",
                "engine",
                "isocore.io/exclusive-cpus.engine",
                "1",
                "isocore.io/hot-thread",
                "engine"));
    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(cpus(leaf)).isEqualTo("0,1,2,3");
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void exclusiveContainerWithoutItsPinIsRefusedAfterTheWait(Layout layout) throws Exception {
    Path leaf = node(layout);
    long start = System.nanoTime();
    Run run =
        hook(state("container", "engine", "isocore.io/exclusive-cpus.engine", "1"), "--wait", "1");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThan(900);
    assertThat(run.stderr())
        .contains("container engine of pod " + UID + " is exclusive (CPUs 1)")
        .contains("no pin")
        .contains("within 1 s");
    assertThat(cpus(leaf)).isEqualTo("0,2-3");
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void aPinWrittenDuringTheWaitIsUsed(Layout layout) throws Exception {
    Path leaf = node(layout);
    Thread agent =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    Thread.sleep(500);
                    new PinDirectory(root.resolve("pins"))
                        .sync(
                            new StartPins(
                                io.isocore.core.cpu.CpuSet.parse("0,2-3"),
                                java.util.Map.of(
                                    UID,
                                    java.util.Map.of("engine", io.isocore.core.cpu.CpuSet.of(1)))));
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
    Run run =
        hook(state("container", "engine", "isocore.io/exclusive-cpus.engine", "1"), "--wait", "10");
    agent.join();
    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(cpus(leaf)).isEqualTo("1");
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void withoutAnAgentNothingChanges(Layout layout) throws Exception {
    Path leaf = node(layout);
    Files.delete(root.resolve("pins/shared"));
    assertThat(hook(state("container", "engine", "isocore.io/exclusive-cpus.engine", "1")).exit())
        .isZero();
    assertThat(cpus(leaf)).isEqualTo("0,2-3");
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void crioAnnotationsNameTheContainer(Layout layout) throws Exception {
    Path leaf = node(layout);
    Files.createDirectories(root.resolve("pins/" + UID));
    Files.writeString(root.resolve("pins/" + UID + "/engine"), "1\n");
    String crio =
        "{\"ociVersion\":\"1.0.2\",\"id\":\"c0ffee\",\"status\":\"creating\",\"pid\":"
            + PID
            + ",\"bundle\":\"/run/x\",\"annotations\":{\"io.kubernetes.cri-o.ContainerType\":"
            + "\"container\",\"io.kubernetes.container.name\":\"engine\"}}";
    Run run = hook(crio);
    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(cpus(leaf)).isEqualTo("1");
  }

  /**
   * isocore-runc: runc (a stand-in here), then the hook with the state of the container just
   * created; a refusal deletes it and logs the reason where the shim reads runc's errors.
   */
  @ParameterizedTest
  @EnumSource(Layout.class)
  void theRuncWrapperPinsAfterCreateAndLogsARefusal(Layout layout) throws Exception {
    Path leaf = node(layout);
    Path bin = Files.createDirectories(root.resolve("bin"));
    for (String name : java.util.List.of("isocore-runc", "isocore-pin-hook")) {
      Files.copy(
          HOOK.resolveSibling(name),
          bin.resolve(name),
          java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
    Path runc = bin.resolve("runc");
    Files.writeString(
        runc,
        "#!/bin/sh\necho \"$*\" >> \"$(dirname \"$0\")/calls\"\n"
            + "case \" $* \" in *\" state \"*) cat \"$(dirname \"$0\")/state.json\" ;; esac\n");
    assertThat(runc.toFile().setExecutable(true)).isTrue();
    Files.writeString(
        bin.resolve("isocore-runc.conf"),
        "RUNC=\""
            + runc
            + "\"\nHOOK_ARGS=\"--pins "
            + root.resolve("pins")
            + " --host-root "
            + root
            + " --wait 1\"\n");
    Files.writeString(
        bin.resolve("state.json"), state("sandbox", null, "isocore.io/exclusive-cpus.engine", "1"));
    Files.writeString(leaf.resolve("cpuset.cpus"), "0-3\n");
    Path runcLog = root.resolve("runc-log.json");
    String[] create = {
      "sh",
      bin.resolve("isocore-runc").toString(),
      "--root",
      "/run/r",
      "--log",
      runcLog.toString(),
      "--log-format",
      "json",
      "create",
      "--bundle",
      "/run/b",
      "c0ffee"
    };
    Process ok = new ProcessBuilder(create).start();
    assertThat(ok.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ok.exitValue()).as(new String(ok.getErrorStream().readAllBytes())).isZero();
    assertThat(cpus(leaf)).isEqualTo("0,2-3");
    assertThat(Files.readAllLines(bin.resolve("calls")))
        .containsExactly(
            "--root /run/r --log " + runcLog + " --log-format json create --bundle /run/b c0ffee",
            "--root /run/r state c0ffee");

    // An exclusive container without its pin: refused, deleted, the reason in runc's log.
    Files.writeString(
        bin.resolve("state.json"),
        state("container", "engine", "isocore.io/exclusive-cpus.engine", "1"));
    Process refused = new ProcessBuilder(create).start();
    assertThat(refused.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(refused.exitValue()).isEqualTo(1);
    assertThat(Files.readAllLines(bin.resolve("calls")).getLast())
        .isEqualTo("--root /run/r delete --force c0ffee");
    assertThat(Files.readString(runcLog))
        .startsWith(
            "{\"level\":\"error\",\"msg\":\"isocore-pin-hook: container engine of pod " + UID)
        .contains("no pin");
  }
}
