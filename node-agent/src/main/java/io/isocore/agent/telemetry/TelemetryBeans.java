package io.isocore.agent.telemetry;

import io.isocore.agent.host.HostFiles;
import io.isocore.agent.host.HostRoot;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Produces the telemetry readers on the host's /proc and /sys under the {@code HostRoot} (the host
 * root mounted into the agent's container; {@code /} on a bare node).
 */
final class TelemetryBeans {

  @Produces
  @Singleton
  CpuTelemetry cpuTelemetry(HostRoot host) {
    return new CpuTelemetry(new HostFiles(host.proc()));
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
  ContainerTelemetry containerTelemetry(HostRoot host, ContainerResolver resolver, HeldCpus held) {
    return new ContainerTelemetry(new HostFiles(host.proc()), resolver, held::held);
  }

  @Produces
  @Singleton
  NodeFacts nodeFacts(HostRoot host) {
    return new NodeFacts(host);
  }
}
