package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * A node's hardware and kernel state as the agent last read it. The same document is printed by the
 * agent's {@code topology --json}.
 *
 * @param sockets the physical packages
 * @param numaNodes the NUMA nodes, memory-only ones included
 * @param cores the physical cores with their SMT siblings
 * @param cpus the online logical CPUs
 * @param l3Groups the L3 (uncore) cache groups
 * @param cpusOnline the online CPUs
 * @param cpusOffline the CPUs present but offline
 * @param isolation the kernel's CPU isolation
 * @param nics the network interfaces with their NUMA node
 * @param cgroup the cgroup version and driver
 * @param environment kernel settings that affect latency
 * @param cpuHealth per-CPU jitter and interrupt figures
 * @param lastRefreshTime when the agent last read the node
 * @param conditions Ready and Degraded
 * @param profile what the selecting IsolationProfile means on this node (the agent's audit)
 */
@JsonClassDescription("The node's hardware and kernel state as the isocore agent last read it.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeTopologyStatus(
    @JsonPropertyDescription("Physical packages (sockets).") @Size(max = CpuLists.MAX_CPUS)
        List<SocketInfo> sockets,
    @JsonPropertyDescription("NUMA nodes, memory-only nodes included.")
        @Size(max = CpuLists.MAX_CPUS)
        List<NumaNodeInfo> numaNodes,
    @JsonPropertyDescription("Physical cores with their SMT siblings.")
        @Size(max = CpuLists.MAX_CPUS)
        List<CoreInfo> cores,
    @JsonPropertyDescription("Online logical CPUs and where each sits.")
        @Size(max = CpuLists.MAX_CPUS)
        List<CpuInfo> cpus,
    @JsonPropertyDescription("L3 (uncore, last-level) cache groups.") @Size(max = CpuLists.MAX_CPUS)
        List<CacheGroupInfo> l3Groups,
    @JsonPropertyDescription("Online CPUs, Linux list format (0-3,8).")
        @Pattern(CpuLists.MAYBE_EMPTY)
        @Size(max = CpuLists.MAX_LENGTH)
        String cpusOnline,
    @JsonPropertyDescription("CPUs present but offline, Linux list format.")
        @Pattern(CpuLists.MAYBE_EMPTY)
        @Size(max = CpuLists.MAX_LENGTH)
        String cpusOffline,
    @JsonPropertyDescription("The kernel's CPU isolation (isolcpus, nohz_full, rcu_nocbs, IRQs).")
        KernelIsolation isolation,
    @JsonPropertyDescription("Network interfaces with their NUMA node and IRQs.") @Size(max = 1024)
        List<NicInfo> nics,
    @JsonPropertyDescription("Cgroup version and driver, and where kubepods live.")
        CgroupInfo cgroup,
    @JsonPropertyDescription("Kernel settings that affect latency: RT throttling, THP, irqbalance.")
        NodeEnvironment environment,
    @JsonPropertyDescription("Per-CPU health: last jitter window and interrupt rate.")
        @Size(max = CpuLists.MAX_CPUS)
        List<CpuHealth> cpuHealth,
    @JsonPropertyDescription("When the agent last read the node, RFC 3339.") @Size(max = 64)
        String lastRefreshTime,
    @JsonPropertyDescription("Ready; Degraded when part of sysfs or procfs could not be read.")
        @SchemaFrom(type = ConditionSchema[].class)
        List<Condition> conditions,
    @JsonPropertyDescription(
            "What the IsolationProfile that selects this node means here: CPUs handed out, the"
                + " recommended kernel command line, findings. Absent when no profile selects the"
                + " node or enforcement is off.")
        NodeProfileStatus profile) {

  /** A status without the profile section (the agent adds it when a profile selects the node). */
  public NodeTopologyStatus(
      List<SocketInfo> sockets,
      List<NumaNodeInfo> numaNodes,
      List<CoreInfo> cores,
      List<CpuInfo> cpus,
      List<CacheGroupInfo> l3Groups,
      String cpusOnline,
      String cpusOffline,
      KernelIsolation isolation,
      List<NicInfo> nics,
      CgroupInfo cgroup,
      NodeEnvironment environment,
      List<CpuHealth> cpuHealth,
      String lastRefreshTime,
      List<Condition> conditions) {
    this(
        sockets,
        numaNodes,
        cores,
        cpus,
        l3Groups,
        cpusOnline,
        cpusOffline,
        isolation,
        nics,
        cgroup,
        environment,
        cpuHealth,
        lastRefreshTime,
        conditions,
        null);
  }
}
