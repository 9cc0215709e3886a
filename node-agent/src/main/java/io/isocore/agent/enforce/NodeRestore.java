package io.isocore.agent.enforce;

import io.isocore.agent.cgroup.CgroupHierarchy;
import io.isocore.agent.cgroup.CgroupTreeScanner;
import io.isocore.agent.cgroup.ContainerCgroupLocator;
import io.isocore.agent.cgroup.CpusetCgroups;
import io.isocore.agent.cgroup.ProbeCgroupCleanup;
import io.isocore.agent.host.HostRoot;
import io.isocore.agent.irq.AffinityWriter;
import io.isocore.agent.irq.InvalidIrqStateException;
import io.isocore.agent.irq.IrqAffinity;
import io.isocore.agent.irq.IrqState;
import io.isocore.agent.irq.IrqStateFile;
import io.isocore.agent.irq.IrqSteering;
import io.isocore.core.enforce.CgroupTree;
import io.isocore.core.enforce.CpusetPlan;
import io.isocore.core.enforce.CpusetPlanner;
import io.isocore.core.enforce.CpusetValue;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gives a node back what isocore changed on it, for uninstalling (the explicit act; a restarted
 * agent moves nothing back): every IRQ isocore moved goes back to its original affinity where it
 * still holds the value isocore wrote, and every cpuset of the kubepods tree is set to the node's
 * online CPUs and memory nodes (isocore writes the whole tree: exclusive containers, the shared
 * pool, and every inner cgroup as the union of its children). The empty {@code isocore-probe}
 * cgroups a killed agent may have left on cgroup v1 are removed ({@link ProbeCgroupCleanup}: only
 * those, only when unused). Every input is read and checked before anything is written, so bad
 * input changes nothing. Idempotent.
 */
public final class NodeRestore {

  private final HostRoot host;
  private final Optional<Path> cgroupRoot;
  private final Path stateFile;
  private final AffinityWriter writer;
  private final Clock clock;

  /**
   * What the restore did.
   *
   * @param lines what was done, one line each, for the operator
   * @param failure what failed, naming the file; empty on success
   */
  public record Result(List<String> lines, Optional<String> failure) {

    /** Copies the list. */
    public Result {
      lines = List.copyOf(lines);
    }

    /** Whether everything was restored. */
    public boolean ok() {
      return failure.isEmpty();
    }
  }

  /**
   * Creates the restore.
   *
   * @param host the host (its {@code proc/irq}, online CPUs and boot id)
   * @param cgroupRoot the cgroupfs to reset, instead of the detected hierarchy
   * @param stateFile the IRQ state file ({@code <state-dir>/irq-affinity})
   */
  public NodeRestore(
      HostRoot host,
      Optional<Path> cgroupRoot,
      Path stateFile,
      AffinityWriter writer,
      Clock clock) {
    this.host = host;
    this.cgroupRoot = cgroupRoot;
    this.stateFile = stateFile;
    this.writer = writer;
    this.clock = clock;
  }

  /** Checks every input, then restores the IRQs and resets the cpusets. */
  public Result run() {
    List<String> lines = new ArrayList<>();
    IrqStateFile file = new IrqStateFile(stateFile, host, clock);
    Optional<IrqState> state;
    CgroupHierarchy hierarchy;
    CpusetCgroups cgroups;
    String kubepods;
    CpusetPlan plan;
    try {
      state = file.read();
      hierarchy = CgroupHierarchy.forEnforcement(host, cgroupRoot);
      cgroups = hierarchy.adapter();
      NodeCpus cpus = new NodeCpusReader(host).read(Optional.empty());
      kubepods =
          new ContainerCgroupLocator(cgroups)
              .kubepods()
              .orElseThrow(
                  () ->
                      new IOException(
                          "no kubepods cgroup under "
                              + cgroups.cpusetDir("")
                              + " (neither kubepods.slice nor kubepods)"));
      CgroupTree tree = new CgroupTreeScanner(cgroups).scan(kubepods);
      plan = CpusetPlanner.plan(tree, Map.of(), new CpusetValue(cpus.online(), cpus.memoryNodes()));
    } catch (IOException | InvalidIrqStateException e) {
      return new Result(List.of(), Optional.of(e.getMessage() + "; nothing was changed"));
    } catch (RuntimeException e) {
      return new Result(List.of(), Optional.of(e + "; nothing was changed"));
    }
    Optional<String> irqFailure = restoreIrqs(file, state, lines);
    CpusetPlanApplier.Outcome applied = new CpusetPlanApplier(cgroups).apply(plan);
    int writes = applied.writesPerCgroup().values().stream().mapToInt(Integer::intValue).sum();
    CpusetValue all = plan.desired().get(kubepods);
    lines.add(
        writes == 0 && applied.stopped().isEmpty()
            ? "cpusets: every cgroup under "
                + cgroups.cpusetDir(kubepods)
                + " already has CPUs "
                + all.cpus()
                + " and memory nodes "
                + all.mems()
            : "cpusets: "
                + applied.writesPerCgroup().size()
                + " cgroups under "
                + cgroups.cpusetDir(kubepods)
                + " set to CPUs "
                + all.cpus()
                + " and memory nodes "
                + all.mems()
                + " ("
                + writes
                + " writes)");
    // Outside kubepods, so never in the plan: a probe cgroup a killed agent left behind.
    ProbeCgroupCleanup.run(hierarchy).forEach(o -> lines.add(o.line()));
    Optional<String> failure = irqFailure.or(() -> applied.stopped().map(s -> "cpusets: " + s));
    return new Result(lines, failure);
  }

  private Optional<String> restoreIrqs(
      IrqStateFile file, Optional<IrqState> state, List<String> lines) {
    if (state.isEmpty()) {
      lines.add("IRQs: no state file " + stateFile + ", isocore moved no IRQ");
      return Optional.empty();
    }
    String boot = file.bootId();
    if (!state.get().bootId().equals(boot)) {
      lines.add(
          "IRQs: "
              + stateFile
              + " belongs to boot "
              + state.get().bootId()
              + ", not to this boot "
              + boot
              + "; IRQ numbers change across reboots, so nothing is restored from it");
      return Optional.empty();
    }
    try {
      IrqSteering restored = new IrqAffinity(host, Optional.of(stateFile), writer, clock).restore();
      restored
          .restored()
          .forEach(m -> lines.add("IRQ " + m.irq() + ": " + m.from() + " -> " + m.to()));
      restored.warnings().forEach(w -> lines.add("IRQ warning: " + w));
      lines.add(
          "IRQs: "
              + restored.restored().size()
              + " restored from "
              + stateFile
              + (restored.warnings().isEmpty() ? "" : ", " + restored.warnings().size() + " left"));
      return restored.warnings().stream()
          .filter(w -> w.contains("could not be restored"))
          .findFirst()
          .map(w -> "IRQs (" + stateFile + "): " + w);
    } catch (IOException e) {
      return Optional.of("IRQs (" + stateFile + "): " + e.getMessage());
    }
  }
}
