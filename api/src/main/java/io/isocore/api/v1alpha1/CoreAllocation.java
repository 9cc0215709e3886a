package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalSelectableField;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The cores and hugepages isocore gave one pod: written by the operator before it binds the pod,
 * owned by the pod, enforced and verified by the node agent, which writes the status.
 */
@JsonClassDescription(
    "The cores and hugepages isocore gave one pod: written by the operator before it binds the pod, owned by the pod, enforced and verified by the node agent, which writes the status.")
// Lets the agent watch only its node's allocations with a spec.nodeName field selector
// (selectableFields: Kubernetes 1.31+).
@AdditionalSelectableField(jsonPath = ".spec.nodeName")
@Group("isocore.io")
@Version("v1alpha1")
@Singular("coreallocation")
@Plural("coreallocations")
@ShortNames("calloc")
@Categories("isocore")
@AdditionalPrinterColumn(
    name = "Pod",
    jsonPath = ".spec.podName",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Node",
    jsonPath = ".spec.nodeName",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "NUMA",
    jsonPath = ".spec.numaNode",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "CPUs",
    jsonPath = ".spec.containers[*].cpus",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Idle",
    jsonPath = ".spec.idleCpus",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class CoreAllocation extends CustomResource<CoreAllocationSpec, CoreAllocationStatus>
    implements Namespaced {

  @Override
  @JsonPropertyDescription(
      "The node, NUMA node, CPUs and hugepages isocore gave the pod. Immutable.")
  public CoreAllocationSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("What the node agent enforced and verified, written by the agent.")
  public CoreAllocationStatus getStatus() {
    return super.getStatus();
  }
}
