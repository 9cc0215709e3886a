package io.isocore.kube.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.kube.api.ApiFailure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The one recorder of core/v1 Events (what {@code kubectl describe} shows) for both applications.
 * Recording is best effort: a failure is logged and never fails a decision. Events are sent on
 * {@code sender}, in production a thread of its own ({@link #backgroundSender}), so that the caller
 * never waits for the API server; tests pass {@code Runnable::run}.
 *
 * <p>Events about cluster-scoped objects (Nodes, NodeTopologies, IsolationProfiles, LatencyTenants)
 * go to namespace {@value #CLUSTER_EVENTS_NAMESPACE}, as Kubernetes does for Nodes.
 */
public final class EventRecorder {

  /** Where Events about cluster-scoped objects live. */
  public static final String CLUSTER_EVENTS_NAMESPACE = "default";

  /** The API server rejects longer Event messages. */
  static final int MAX_MESSAGE_BYTES = 1024;

  private static final Logger LOG = Logger.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final String component;
  private final String instance;
  private final Clock clock;
  private final Executor sender;
  private final AtomicLong sequence = new AtomicLong();

  /**
   * @param component the reporting component, e.g. {@code isocore-scheduler}
   * @param instance the reporting instance: the pod name for the operator, the node for the agent
   */
  public EventRecorder(
      KubernetesClient client, String component, String instance, Clock clock, Executor sender) {
    this.client = client;
    this.component = component;
    this.instance = instance;
    this.clock = clock;
    this.sender = sender;
  }

  /** A daemon thread of its own with a queue of 10,000 Events; a full queue drops with a log. */
  public static Executor backgroundSender(String threadName) {
    return new ThreadPoolExecutor(
        1,
        1,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(10_000),
        r -> {
          Thread t = new Thread(r, threadName);
          t.setDaemon(true);
          return t;
        },
        (r, pool) -> LOG.warn("event queue full; dropping an Event"));
  }

  /** Records an Event about {@code regarding}. */
  public void record(HasMetadata regarding, EventReason reason, String message) {
    Event event = event(regarding, reason, message);
    String namespace = event.getMetadata().getNamespace();
    sender.execute(
        () -> {
          try {
            client.v1().events().inNamespace(namespace).resource(event).create();
          } catch (RuntimeException e) {
            LOG.warnf(
                "could not record %s Event on %s/%s: %s",
                reason.name(),
                namespace,
                regarding.getMetadata().getName(),
                ApiFailure.describe(e));
          }
        });
  }

  /** The Event {@link #record} sends. */
  Event event(HasMetadata regarding, EventReason reason, String message) {
    String objectNamespace = regarding.getMetadata().getNamespace();
    String namespace = objectNamespace == null ? CLUSTER_EVENTS_NAMESPACE : objectNamespace;
    Instant now = Instant.now(clock);
    String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    return new EventBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(
            regarding.getMetadata().getName()
                + "."
                + Long.toHexString(now.toEpochMilli())
                + Long.toHexString(sequence.incrementAndGet()))
        .endMetadata()
        .withInvolvedObject(
            new ObjectReferenceBuilder()
                .withApiVersion(regarding.getApiVersion())
                .withKind(regarding.getKind())
                .withNamespace(objectNamespace)
                .withName(regarding.getMetadata().getName())
                .withUid(regarding.getMetadata().getUid())
                .build())
        .withReason(reason.name())
        .withType(reason.type())
        .withMessage(truncate(message))
        .withCount(1)
        .withFirstTimestamp(time)
        .withLastTimestamp(time)
        .withNewSource()
        .withComponent(component)
        .endSource()
        .withReportingComponent("isocore.io/" + component.toLowerCase(Locale.ROOT))
        .withReportingInstance(instance)
        .build();
  }

  /** Cuts a message to the API server's 1024 bytes (UTF-8), marking the cut with "...". */
  static String truncate(String message) {
    if (message.getBytes(StandardCharsets.UTF_8).length <= MAX_MESSAGE_BYTES) {
      return message;
    }
    int budget = MAX_MESSAGE_BYTES - 3;
    int bytes = 0;
    int end = 0;
    while (end < message.length()) {
      int cp = message.codePointAt(end);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > budget) {
        break;
      }
      bytes += size;
      end += Character.charCount(cp);
    }
    return message.substring(0, end) + "...";
  }
}
