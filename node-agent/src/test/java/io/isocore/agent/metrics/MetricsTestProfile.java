package io.isocore.agent.metrics;

import io.isocore.agent.telemetry.ContainerRef;
import io.isocore.agent.telemetry.ContainerResolver;
import io.isocore.agent.telemetry.HeldCpus;
import io.isocore.agent.telemetry.testing.FakeProcTree;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.telemetry.ContainerKey;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Boots the agent on a fixture host tree with the probe off, a fixture CPU view and one resolvable
 * latency container, so every contract series has samples.
 */
public class MetricsTestProfile implements QuarkusTestProfile {

  static final ContainerRef FEED = new ContainerRef("trading", "feed-0", "handler");

  static final Path ROOT;

  static {
    try {
      ROOT = Files.createTempDirectory("isocore-metrics-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    new FakeProcTree(ROOT)
        // six CPUs: 0 reserved, 1 shared, 2-5 isolated, 4-5 held (FixtureView)
        .node(6, 5_000, 800)
        .schedstat(3_000_000_000L, 20_000L)
        .process(1, "systemd")
        .containerThread(100, 100, 500, 10, 2, 1_000, 1, 5_000, 3, 1, 4)
        .containerThread(100, 101, 501, 20, 1, 10, 0, 7_000, 1, 0, 5)
        .write("sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages", "512\n")
        .write("sys/devices/system/node/node0/hugepages/hugepages-2048kB/free_hugepages", "500\n")
        .write("var/lib/kubelet/cpu_manager_state", "{\"policyName\":\"none\"}");
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "isocore.probe.enabled", "false",
        "isocore.host-root", ROOT.toString(),
        "quarkus.kubernetes-client.devservices.enabled", "false");
  }

  @Override
  public Set<Class<?>> getEnabledAlternatives() {
    return Set.of(FixtureView.class, FixtureHeld.class, FixtureResolver.class);
  }

  /** Isolated 2-5, CPU 4 and 5 held by the feed handler. */
  @Alternative
  @Priority(1)
  @Singleton
  public static class FixtureView implements NodeCpuView {
    @Override
    public CpuSet isolated() {
      return CpuSet.parse("2-5");
    }

    @Override
    public CpuSet reserved() {
      return CpuSet.of(0);
    }

    @Override
    public CpuSet shared() {
      return CpuSet.of(1);
    }

    @Override
    public Map<Integer, ContainerRef> exclusive() {
      return Map.of(4, FEED, 5, FEED);
    }

    @Override
    public Map<PodRef, Double> notAppliedSeconds() {
      return Map.of(new PodRef("trading", "feed-0"), 0.0);
    }
  }

  /** CPUs 4 and 5 are held. */
  @Alternative
  @Priority(1)
  @Singleton
  public static class FixtureHeld implements HeldCpus {
    @Override
    public CpuSet held() {
      return CpuSet.of(4, 5);
    }
  }

  /** Resolves the fixture container. */
  @Alternative
  @Priority(1)
  @Singleton
  public static class FixtureResolver implements ContainerResolver {
    @Override
    public Optional<ContainerRef> resolve(ContainerKey key) {
      return key.equals(new ContainerKey(FakeProcTree.POD_UID, FakeProcTree.CONTAINER_ID))
          ? Optional.of(FEED)
          : Optional.empty();
    }
  }
}
