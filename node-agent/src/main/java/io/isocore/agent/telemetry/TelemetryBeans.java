package io.isocore.agent.telemetry;

import io.isocore.agent.probe.HeldCpus;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Produces the telemetry readers on the host's /proc and /sys (configurable for containers). */
final class TelemetryBeans {

  @Produces
  @Singleton
  CpuTelemetry cpuTelemetry(
      @ConfigProperty(name = "isocore.agent.proc-root", defaultValue = "/proc") Path proc) {
    return new CpuTelemetry(new ProcFiles(proc));
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
      @ConfigProperty(name = "isocore.agent.proc-root", defaultValue = "/proc") Path proc,
      ContainerResolver resolver,
      HeldCpus held) {
    return new ContainerTelemetry(new ProcFiles(proc), resolver, held::held);
  }

  @Produces
  @Singleton
  NodeFacts nodeFacts(
      @ConfigProperty(name = "isocore.agent.proc-root", defaultValue = "/proc") Path proc,
      @ConfigProperty(name = "isocore.agent.sys-root", defaultValue = "/sys") Path sys,
      @ConfigProperty(
              name = "isocore.agent.kubelet-cpu-manager-state",
              defaultValue = "/var/lib/kubelet/cpu_manager_state")
          Path kubeletState) {
    return new NodeFacts(proc, sys, kubeletState);
  }
}
