package io.isocore.agent.events;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.kube.events.EventRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The agent's one {@link EventRecorder} (kube-support's): component {@value #COMPONENT}, instance
 * the node name, Events sent on a thread of their own so that a pass never waits for the API server
 * ({@code isocore.events.synchronous=true} sends them inline, for tests that read them right after
 * a pass).
 */
@ApplicationScoped
public class AgentEvents {

  /** The reporting component of every Event the agent records. */
  public static final String COMPONENT = "isocore-node-agent";

  /** The thread that sends Events. */
  public static final String SENDER_THREAD = "isocore-agent-events";

  @Produces
  @Singleton
  EventRecorder recorder(
      KubernetesClient client,
      @ConfigProperty(name = "isocore.agent.node-name") Optional<String> nodeName,
      @ConfigProperty(name = "isocore.events.synchronous", defaultValue = "false")
          boolean synchronous) {
    return new EventRecorder(
        client,
        COMPONENT,
        nodeName.orElse(""),
        Clock.systemUTC(),
        synchronous ? Runnable::run : EventRecorder.backgroundSender(SENDER_THREAD));
  }

  /** A recorder that sends inline, for code that runs outside CDI (tests, benchmarks). */
  public static EventRecorder synchronous(KubernetesClient client, String nodeName, Clock clock) {
    return new EventRecorder(client, COMPONENT, nodeName, clock, Runnable::run);
  }
}
