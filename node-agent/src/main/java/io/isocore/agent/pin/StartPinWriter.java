package io.isocore.agent.pin;

import io.isocore.agent.enforce.CoreAllocationReconciler;
import io.isocore.agent.enforce.DesiredNode;
import io.isocore.agent.enforce.EnforcementReport;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the pin directory ({@link PinDirectory}) equal to what each enforcement pass enforced, so
 * the start hook gives a new container the CPUs the next pass would: written after every pass
 * (enforcement runs one on every change to the node's CoreAllocations, which exist before their
 * pods are bound). Runs only where enforcement runs ({@code isocore.pin.enabled}, default on).
 */
@Singleton
public class StartPinWriter implements CoreAllocationReconciler.PassObserver {

  private static final Logger LOG = Logger.getLogger(StartPinWriter.class);

  @ConfigProperty(name = "isocore.pin.enabled", defaultValue = "true")
  boolean enabled;

  /** Where the hook reads the pins; by default {@code pins} in the agent's state directory. */
  @ConfigProperty(name = "isocore.pin.dir")
  Optional<String> dir;

  /** The agent's state directory, a host path (the chart's hostPath /var/lib/isocore). */
  @ConfigProperty(name = "isocore.enforce.state-dir", defaultValue = "/var/lib/isocore")
  String stateDir;

  private PinDirectory pins;
  private String lastProblem = "";

  @Override
  public void enforced(DesiredNode node, EnforcementReport report) {
    if (!enabled) {
      return;
    }
    if (pins == null) {
      pins = new PinDirectory(dir.map(Path::of).orElse(Path.of(stateDir, "pins")));
    }
    try {
      int changes = pins.sync(StartPins.decide(node.allocations(), report.pools()));
      if (changes > 0) {
        LOG.debugf("start pins: %d files changed in %s", changes, pins.dir());
      }
      lastProblem = "";
    } catch (IOException | RuntimeException e) {
      String problem = "start pins not written: " + e.getMessage();
      if (!problem.equals(lastProblem)) {
        LOG.warn(problem);
      }
      lastProblem = problem;
    }
  }
}
