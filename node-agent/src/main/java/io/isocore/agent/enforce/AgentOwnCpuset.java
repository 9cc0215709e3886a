package io.isocore.agent.enforce;

import io.isocore.agent.cgroup.AgentCpusetCgroups;
import io.isocore.agent.cgroup.CgroupAccessException;
import io.isocore.agent.cgroup.CgroupHierarchy;
import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.cgroup.ContainerCgroupLocator;
import io.isocore.agent.cgroup.CpusetCgroups;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.AgentCpuset;
import io.isocore.core.enforce.UnallocatedIsolatedPolicy;
import io.isocore.core.profile.ProfileRules;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * On cgroup v2, the agent's own container cpuset gets the shared pool plus the CPUs the jitter
 * probe measures ({@link AgentCpuset}): a thread cannot leave its container's cpuset there, so the
 * probe thread can reach an idle isolated CPU only if the container has it. Before each pass writes
 * a cpuset ({@link #beforeEnforce}) the added CPUs become the profile's isolated CPUs that no
 * allocation holds (none when the profile's {@code unallocatedIsolatedCpus} is {@code Shared}: they
 * are in the shared pool already, or the probe is off); after the pass {@link #afterPass} adds them
 * where the pass wrote nothing and confines the agent's other threads off them. On cgroup v1 this
 * is never created (the probe thread moves into its own cgroup there), nor when the agent is not in
 * the enforced kubepods tree.
 */
final class AgentOwnCpuset implements CoreAllocationReconciler.PassObserver {

  private static final Logger LOG = Logger.getLogger(AgentOwnCpuset.class);

  private final AgentCpusetCgroups cgroups;
  private final String root;
  private final String cgroup;
  private final boolean probing;
  private final Consumer<CpuSet> confine;
  private Optional<Facts> facts = Optional.empty();
  private volatile Optional<ProfileRules> rules = Optional.empty();
  private volatile CpuSet isolated = CpuSet.empty();
  private volatile CpuSet held = CpuSet.empty();

  AgentOwnCpuset(
      AgentCpusetCgroups cgroups,
      String root,
      String cgroup,
      boolean probing,
      Consumer<CpuSet> confine) {
    this.cgroups = cgroups;
    this.root = root;
    this.cgroup = cgroup;
    this.probing = probing;
    this.confine = confine;
  }

  /**
   * The agent's own cpuset over {@code plain}, on cgroup v2 with the probe on and the agent's
   * cgroup (from {@code procSelf}, its {@code /proc/self/cgroup}, and {@code pid}) in the kubepods
   * tree; otherwise empty, saying why.
   */
  static Optional<AgentOwnCpuset> of(
      CgroupHierarchy hierarchy,
      CpusetCgroups plain,
      boolean probing,
      String procSelf,
      long pid,
      Consumer<CpuSet> confine) {
    if (hierarchy.version() != CgroupVersion.V2 || !probing) {
      return Optional.empty();
    }
    Optional<String> root = new ContainerCgroupLocator(plain).kubepods();
    Optional<String> own =
        root.flatMap(r -> AgentCpusetCgroups.ownCgroup(hierarchy, procSelf, pid, r));
    if (root.isEmpty()
        || own.isEmpty()
        || !(own.get().equals(root.get()) || own.get().startsWith(root.get() + "/"))) {
      LOG.infof(
          "cgroup v2: the agent's own cgroup %s is not in the enforced kubepods tree %s; its"
              + " cpuset is left as it is (the probe can reach only the CPUs it allows)",
          own.orElse("(not found under " + hierarchy.cpusetRoot() + ")"), root.orElse("(none)"));
      return Optional.empty();
    }
    LOG.infof(
        "cgroup v2: the agent's own container cgroup %s gets the shared pool plus the idle"
            + " isolated CPUs the probe measures; its other threads stay off them by affinity",
        own.get());
    return Optional.of(
        new AgentOwnCpuset(new AgentCpusetCgroups(plain), root.get(), own.get(), true, confine));
  }

  /**
   * What a pass is about to enforce, read before it writes: the profile it selected and the node's
   * isolated CPUs (online). Without it the first pass of a restarted agent would not know them yet
   * and would narrow the agent's cgroup, to widen it again after the pass.
   */
  interface Facts {
    /** The rules of the profile the running pass selected, if one. */
    Optional<ProfileRules> rules();

    /** The node's online isolated CPUs under {@code rules}. */
    CpuSet isolated(Optional<ProfileRules> rules) throws IOException;
  }

  /** Reads the profile and the isolated CPUs before each pass from {@code facts}. */
  AgentOwnCpuset readingBeforeEachPass(Facts facts) {
    this.facts = Optional.of(facts);
    return this;
  }

  /** For {@link #of}: a new wrapper is made there, exposed here. */
  CpusetCgroups adapter() {
    return cgroups.adapter();
  }

  /** What is added right now. */
  AgentCpuset current() {
    return cgroups.current();
  }

  @Override
  public void beforeEnforce(CpuSet heldNow) {
    held = heldNow;
    if (facts.isPresent()) {
      try {
        Optional<ProfileRules> r = facts.get().rules();
        isolated = facts.get().isolated(r);
        rules = r;
      } catch (IOException | RuntimeException e) {
        LOG.debugf("agent cpuset: the last pass's profile and CPUs are used: %s", e.getMessage());
      }
    }
    cgroups.set(next());
  }

  @Override
  public void enforced(DesiredNode node, EnforcementReport report) {
    rules = node.profile();
    isolated = node.cpus().isolated().intersection(node.cpus().online());
    held = report.pools().held();
  }

  /**
   * After a pass: adds the CPUs where the pass left the agent's chain without them, then confines
   * the agent's other threads off them (threads started since the last window included).
   */
  void afterPass() {
    AgentCpuset now = next();
    cgroups.set(now);
    try {
      Map<String, CpuSet> writes = cgroups.topUp();
      if (!writes.isEmpty()) {
        LOG.infof("agent cpuset: added CPUs %s to %s", now.extra(), writes.keySet());
      }
    } catch (CgroupAccessException e) {
      LOG.warnf("agent cpuset: adding CPUs %s failed: %s", now.extra(), e.getMessage());
    }
    confine.accept(now.extra());
  }

  private AgentCpuset next() {
    Optional<ProfileRules> r = rules;
    boolean on =
        probing
            && r.isPresent()
            && r.get().probe().enabled()
            && r.get().unallocated() == UnallocatedIsolatedPolicy.IDLE;
    // Under IDLE the unallocated isolated CPUs are in no pool: none is in the shared pool.
    CpuSet extra = AgentCpuset.probeCpus(true, on, isolated, held, CpuSet.empty());
    return new AgentCpuset(root, cgroup, extra);
  }
}
