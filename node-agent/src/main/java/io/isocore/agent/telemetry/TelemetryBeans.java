package io.isocore.agent.telemetry;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Produces the telemetry readers on the host's /proc and /sys under {@code isocore.agent.root} (the
 * host root mounted into the agent's container; {@code /} on a bare node).
 */
final class TelemetryBeans {

  @Produces
  @Singleton
  CpuTelemetry cpuTelemetry(
      @ConfigProperty(name = "isocore.agent.root", defaultValue = "/") Path root) {
    return new CpuTelemetry(new ProcFiles(root.resolve("proc")));
  }

  @Produces
  @Singleton
  PodContainerIndex podContainerIndex() {
    return new PodContainerIndex();
  }

  @Produces
  @DefaultBean
  @Singleton
  ContainerResolver resolver(PodContainerIndex index) {
    return index;
  }

  @Produces
  @Singleton
  ContainerTelemetry containerTelemetry(
      @ConfigProperty(name = "isocore.agent.root", defaultValue = "/") Path root,
      ContainerResolver resolver,
      HeldCpus held) {
    return new ContainerTelemetry(new ProcFiles(root.resolve("proc")), resolver, held::held);
  }

  @Produces
  @Singleton
  NodeFacts nodeFacts(@ConfigProperty(name = "isocore.agent.root", defaultValue = "/") Path root) {
    return new NodeFacts(
        root.resolve("proc"),
        root.resolve("sys"),
        root.resolve("var/lib/kubelet/cpu_manager_state"));
  }
}
