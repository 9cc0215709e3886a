package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * What one node offers, read from its kernel by the isocore node agent. Cluster-scoped, named after
 * the node; the agent writes only its status.
 */
@JsonClassDescription(
    "What one node offers, read from its kernel by the isocore node agent. Cluster-scoped, named after the node; the agent writes only its status.")
@Group("isocore.io")
@Version("v1alpha1")
@Singular("nodetopology")
@Plural("nodetopologies")
@ShortNames("ntopo")
@Categories("isocore")
@AdditionalPrinterColumn(
    name = "Online",
    jsonPath = ".status.cpusOnline",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Isolated",
    jsonPath = ".status.isolation.isolated",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "NUMA",
    jsonPath = ".status.numaNodes[*].id",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Cgroup",
    jsonPath = ".status.cgroup.version",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class NodeTopology extends CustomResource<NodeTopologySpec, NodeTopologyStatus> {

  @Override
  @JsonPropertyDescription("The node this topology describes.")
  public NodeTopologySpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "The node's CPUs, NUMA nodes, caches, kernel isolation and health, as the isocore agent last read them.")
  public NodeTopologyStatus getStatus() {
    return super.getStatus();
  }
}
