package io.isocore.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isocore.agent.testing.FixtureSysfs;
import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.core.cpu.CpuSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI run as plain Java, as {@code java -jar quarkus-run.jar topology|audit} runs it. */
class CliTest {

  @TempDir Path root;
  @TempDir Path work;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** 2 packages x 1 node x 4 cores x 2 threads: CPUs 0-15, core c holds c and c+8. */
  @BeforeEach
  void machine() throws IOException {
    FixtureSysfs.machine()
        .packages(2)
        .numaPerPackage(1)
        .coresPerNuma(4)
        .threadsPerCore(2)
        .isolated(CpuSet.parse("1-7,9-15"))
        .hugepages(1048576, 4, 0)
        .write(root);
    FixtureSysfs.put(root.resolve("proc/sys/kernel/sched_rt_runtime_us"), "950000");
    FixtureSysfs.put(root.resolve("proc/sys/kernel/sched_rt_period_us"), "1000000");
    FixtureSysfs.put(
        root.resolve("sys/kernel/mm/transparent_hugepage/enabled"), "[always] madvise never");
    FixtureSysfs.put(root.resolve("proc/1234/comm"), "irqbalance");
    FixtureSysfs.put(root.resolve("proc/1/comm"), "systemd");
    FixtureSysfs.put(
        root.resolve("var/lib/kubelet/cpu_manager_state"),
        "{\"policyName\":\"none\",\"defaultCpuSet\":\"\",\"checksum\":1}");
  }

  private int run(String... args) {
    return Cli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void topologyJsonIsANodeTopologyStatus() throws IOException {
    assertThat(run("topology", "--root", root.toString(), "--json")).isZero();
    JsonNode json = new ObjectMapper().readTree(out());
    assertThat(json.get("sockets")).hasSize(2);
    assertThat(json.get("numaNodes").get(1).get("cpus").asText()).isEqualTo("4-7,12-15");
    assertThat(json.get("cores")).hasSize(8);
    assertThat(json.get("cores").get(0).get("cpus").asText()).isEqualTo("0,8");
    assertThat(json.get("cpus")).hasSize(16);
    assertThat(json.get("cpus").get(9).get("core").asInt()).isEqualTo(1);
    NodeTopologyStatus status = new ObjectMapper().readValue(out(), NodeTopologyStatus.class);
    assertThat(status.isolation().isolated()).isEqualTo("1-7,9-15");
    assertThat(status.environment().irqbalanceRunning()).isTrue();
    assertThat(status.environment().kubeletCpuManagerPolicy()).isEqualTo("none");
    assertThat(status.numaNodes().get(0).hugepages().get(0).size()).isEqualTo("1Gi");
  }

  @Test
  void topologySummaryNestsPackagesNodesCoresAndWarns() {
    assertThat(run("topology", "--root", root.toString())).isZero();
    assertThat(out())
        .contains("2 package(s), 2 NUMA node(s), 8 core(s), 16 online CPU(s) 0-15, 2 thread(s)")
        .contains("package 1: CPUs 4-7,12-15")
        .contains("  NUMA node 1: CPUs 4-7,12-15")
        .contains("    core 4 (core_id 0, L3 101): CPUs 4,12")
        .contains("isolated CPUs: 1-7,9-15")
        .contains("1Gi 4 total, 0 free")
        .contains("a SCHED_FIFO busy loop loses about 50 ms every second")
        .contains("irqbalance is running and will undo IRQ steering")
        .contains("THP is `always`: set `madvise`");
  }

  @Test
  void auditPrintsFindingsWithFixesAndTheCommandLine() throws IOException {
    Path profile = work.resolve("profile.yaml");
    FixtureSysfs.put(
        profile,
        """
        apiVersion: isocore.io/v1alpha1
        kind: IsolationProfile
        metadata:
          name: trading
        spec:
          reservedCpus: "0,8"
          smtPolicy: FullCores
        """);
    assertThat(run("audit", "--profile", profile.toString(), "--root", root.toString()))
        .isEqualTo(Cli.FINDINGS);
    assertThat(out())
        .contains("profile trading")
        .contains("CPUs 1-7,9-15 are isolated but not rcu_nocbs: add rcu_nocbs=1-7,9-15")
        .contains("irqbalance is running and will undo IRQ steering")
        .contains("THP is `always`: set `madvise`")
        .contains("no free 1Gi pages on NUMA node 0")
        .contains("a SCHED_FIFO busy loop loses about 50 ms every second")
        .contains("recommended kernel command line:")
        .contains(
            "isolcpus=managed_irq,domain,1-7,9-15 nohz_full=1-7,9-15 rcu_nocbs=1-7,9-15"
                + " irqaffinity=0,8");
  }

  @Test
  void auditOfACleanNodeExitsZero() throws IOException {
    FixtureSysfs.put(root.resolve("proc/sys/kernel/sched_rt_runtime_us"), "-1");
    FixtureSysfs.put(
        root.resolve("sys/kernel/mm/transparent_hugepage/enabled"), "always [madvise] never");
    FixtureSysfs.put(root.resolve("proc/1234/comm"), "sshd");
    FixtureSysfs.put(
        root.resolve("proc/cmdline"),
        "isolcpus=managed_irq,domain,1-7,9-15 nohz_full=1-7,9-15 rcu_nocbs=1-7,9-15"
            + " irqaffinity=0,8");
    Path profile = work.resolve("p.yaml");
    FixtureSysfs.put(
        profile,
        "apiVersion: isocore.io/v1alpha1\nkind: IsolationProfile\nmetadata:\n  name: p\n"
            + "spec:\n  reservedCpus: \"0,8\"\n");
    // 1Gi pages: none free on either node; reserve them to be clean.
    for (int node = 0; node < 2; node++) {
      FixtureSysfs.put(
          root.resolve(
              "sys/devices/system/node/node"
                  + node
                  + "/hugepages/hugepages-1048576kB/free_hugepages"),
          "4");
    }
    assertThat(run("audit", "--profile", profile.toString(), "--root", root.toString()))
        .as(out())
        .isZero();
    assertThat(out()).contains("no findings");
  }

  @Test
  void errorsExitTwo() throws IOException {
    assertThat(run("audit", "--root", root.toString())).isEqualTo(Cli.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("audit needs --profile FILE");
    Path bad = work.resolve("bad.yaml");
    FixtureSysfs.put(bad, "spec: [unclosed");
    assertThat(run("audit", "--profile", bad.toString())).isEqualTo(Cli.ERROR);
    Path noReserved = work.resolve("nores.yaml");
    FixtureSysfs.put(noReserved, "kind: IsolationProfile\nspec:\n  smtPolicy: FullCores\n");
    assertThat(run("audit", "--profile", noReserved.toString())).isEqualTo(Cli.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("spec.reservedCpus is required");
    assertThat(run("audit", "--profile", work.resolve("missing.yaml").toString()))
        .isEqualTo(Cli.ERROR);
    assertThat(run("topology", "--bogus")).isEqualTo(Cli.ERROR);
    assertThat(run("topology", "--root", work.resolve("nowhere").toString())).isEqualTo(Cli.ERROR);
  }

  @Test
  void auditRejectsAProfileWhoseReservedAndIsolatedCpusOverlap() throws IOException {
    Path overlapping = work.resolve("overlap.yaml");
    FixtureSysfs.put(
        overlapping,
        """
        apiVersion: isocore.io/v1alpha1
        kind: IsolationProfile
        metadata: {name: overlapping}
        spec:
          reservedCpus: "0-1"
          isolatedCpus: {source: Explicit, cpus: "0-15"}
        """);

    assertThat(run("audit", "--profile", overlapping.toString(), "--root", root.toString()))
        .isEqualTo(Cli.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("error: " + overlapping + ": spec.reservedCpus 0-1")
        .contains("spec.isolatedCpus.cpus 0-15")
        .contains("overlap on 0-1");
    assertThat(out()).isEmpty();
  }

  @Test
  void onlyTheCliCommandsBypassQuarkus() {
    assertThat(Cli.isCommand(new String[] {"topology"})).isTrue();
    assertThat(Cli.isCommand(new String[] {"audit", "--profile", "x"})).isTrue();
    assertThat(Cli.isCommand(new String[] {})).isFalse();
    assertThat(Cli.isCommand(new String[] {"-Dquarkus.http.port=1"})).isFalse();
  }
}
