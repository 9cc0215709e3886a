package io.isocore.agent.enforce;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.isocore.agent.irq.IrqStateFile;
import io.isocore.kube.events.EventRecorder;
import org.jboss.logging.Logger;

/** Tells the operator that the IRQ state file was set aside: a warning log and an Event. */
final class IrqStateNotice {

  private static final Logger LOG = Logger.getLogger(IrqStateNotice.class);

  private IrqStateNotice() {}

  /** Logs and records {@link EnforcementEventReason#IrqStateSetAside} on the Node. */
  static void setAside(EventRecorder events, String nodeName, IrqStateFile.SetAside setAside) {
    LOG.warn(setAside.message());
    Node node = new NodeBuilder().withNewMetadata().withName(nodeName).endMetadata().build();
    events.record(node, EnforcementEventReason.IrqStateSetAside, setAside.message());
  }
}
