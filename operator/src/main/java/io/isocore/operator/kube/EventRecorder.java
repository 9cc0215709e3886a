package io.isocore.operator.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The one place the scheduler records core/v1 Events (what {@code kubectl describe} shows). A
 * failure to record is logged and never stops a decision. Events are sent on {@code sender}: in
 * production a thread of their own, so the scheduling thread does not wait for them (as the
 * kube-scheduler's event broadcaster); tests pass {@code Runnable::run} to see them at once.
 */
public final class EventRecorder {
  public static final String COMPONENT = "isocore-scheduler";
  private static final Logger LOG = Logger.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final String instance;
  private final Clock clock;
  private final Executor sender;
  private final AtomicLong sequence = new AtomicLong();

  public EventRecorder(KubernetesClient client, String instance, Clock clock, Executor sender) {
    this.client = client;
    this.instance = instance;
    this.clock = clock;
    this.sender = sender;
  }

  /** Sends on a daemon thread of its own; a full queue (10,000 Events) drops with a log line. */
  public static Executor backgroundSender() {
    return new ThreadPoolExecutor(
        1,
        1,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(10_000),
        r -> {
          Thread t = new Thread(r, "isocore-events");
          t.setDaemon(true);
          return t;
        },
        (r, pool) -> LOG.warn("event queue full; dropping an Event"));
  }

  public void record(HasMetadata regarding, EventReason reason, String message) {
    String namespace =
        regarding.getMetadata().getNamespace() == null
            ? "default"
            : regarding.getMetadata().getNamespace();
    String now =
        DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(
                regarding.getMetadata().getName()
                    + "."
                    + Long.toHexString(clock.millis())
                    + Long.toHexString(sequence.incrementAndGet()))
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(regarding.getApiVersion())
                    .withKind(regarding.getKind())
                    .withNamespace(regarding.getMetadata().getNamespace())
                    .withName(regarding.getMetadata().getName())
                    .withUid(regarding.getMetadata().getUid())
                    .build())
            .withReason(reason.name())
            .withMessage(truncate(message))
            .withType(reason.type())
            .withCount(1)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent("isocore.io/" + COMPONENT)
            .withReportingInstance(instance)
            .build();
    sender.execute(
        () -> {
          try {
            client.v1().events().inNamespace(namespace).resource(event).create();
          } catch (KubernetesClientException e) {
            LOG.warnf(
                "could not record %s event on %s/%s: %s",
                reason, namespace, regarding.getMetadata().getName(), e.getMessage());
          }
        });
  }

  private static String truncate(String message) {
    // The API server rejects Event messages above 1 KiB.
    return message.length() <= 1024 ? message : message.substring(0, 1021) + "...";
  }
}
