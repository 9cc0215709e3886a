package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * The placement decision for one pod.
 *
 * @param podName the pod's name, in the allocation's namespace
 * @param podUid the pod's UID, so a recreated pod of the same name is not confused with it
 * @param nodeName the node the pod is bound to
 * @param numaNode the NUMA node of the exclusive cores and hugepages
 * @param tenant the LatencyTenant charged, if any
 * @param containers what each container gets
 * @param ticketTransfer the pod receiving this pod's tickets as CPU weight, if any
 * @param idleCpus the siblings of the pod's cores that no container runs on, held idle (Linux list;
 *     empty when none; absent in allocations written before the field existed)
 * @param memoryBytes the pod's memory counted against {@code numaNode}, in bytes
 */
@JsonClassDescription("The node, NUMA node, CPUs and hugepages isocore gave the pod.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf", message = "a CoreAllocation's spec is immutable")
public record CoreAllocationSpec(
    @JsonPropertyDescription("Name of the pod, in this namespace.") @Required @Size(max = 253)
        String podName,
    @JsonPropertyDescription("UID of the pod.") @Required @Size(max = 36) String podUid,
    @JsonPropertyDescription("Node the pod is bound to.") @Required @Size(max = 253)
        String nodeName,
    @JsonPropertyDescription("NUMA node of the exclusive cores and the hugepages.")
        @Required
        @Min(0)
        Integer numaNode,
    @JsonPropertyDescription("LatencyTenant charged for the cores, if any.") @Size(max = 253)
        String tenant,
    @JsonPropertyDescription("What each container of the pod gets.") @Required @Size(min = 1)
        List<ContainerAllocation> containers,
    @JsonPropertyDescription(
            "The pod on the same node that receives this pod's tickets as CPU weight on the"
                + " shared pool, if the pod asked for a ticket transfer.")
        TicketTransfer ticketTransfer,
    @JsonPropertyDescription(
            "CPUs the pod holds idle, Linux list format (empty when none): the SMT siblings of its"
                + " exclusive CPUs that no container runs on, e.g. the spare sibling when FullCores"
                + " rounds an odd CPU count up to whole cores, or every other sibling under"
                + " IdleSiblings. No container, no other pod, no shared work and no jitter probe"
                + " runs on them while the allocation exists.")
        @Pattern(CpuLists.MAYBE_EMPTY)
        @Size(max = CpuLists.MAX_LENGTH)
        String idleCpus,
    @JsonPropertyDescription(
            "Memory of the pod counted against numaNode, in bytes: its memory request when it has"
                + " exclusive CPUs (their cpuset.mems pins its memory to that NUMA node), 0"
                + " otherwise. Absent in allocations written before the field existed.")
        @Min(0)
        Long memoryBytes) {

  /** An allocation without {@code idleCpus}, as written before the field existed. */
  public CoreAllocationSpec(
      String podName,
      String podUid,
      String nodeName,
      Integer numaNode,
      String tenant,
      List<ContainerAllocation> containers,
      TicketTransfer ticketTransfer) {
    this(podName, podUid, nodeName, numaNode, tenant, containers, ticketTransfer, null, null);
  }

  /** An allocation without {@code memoryBytes}, as written before the field existed. */
  public CoreAllocationSpec(
      String podName,
      String podUid,
      String nodeName,
      Integer numaNode,
      String tenant,
      List<ContainerAllocation> containers,
      TicketTransfer ticketTransfer,
      String idleCpus) {
    this(podName, podUid, nodeName, numaNode, tenant, containers, ticketTransfer, idleCpus, null);
  }
}
