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
 * How a set of nodes is carved up: housekeeping CPUs, isolated CPUs for latency pods, and the
 * policies for SMT, NUMA, IRQs and jitter probing. Cluster-scoped.
 */
@JsonClassDescription(
    "How a set of nodes is carved up: housekeeping CPUs, isolated CPUs for latency pods, and the policies for SMT, NUMA, IRQs and jitter probing. Cluster-scoped.")
@Group("isocore.io")
@Version("v1alpha1")
@Singular("isolationprofile")
@Plural("isolationprofiles")
@ShortNames("isop")
@Categories("isocore")
@AdditionalPrinterColumn(
    name = "Reserved",
    jsonPath = ".spec.reservedCpus",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "SMT",
    jsonPath = ".spec.smtPolicy",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "NUMA",
    jsonPath = ".spec.numaPolicy",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Nodes",
    jsonPath = ".status.matchedNodes",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class IsolationProfile extends CustomResource<IsolationProfileSpec, IsolationProfileStatus> {

  @Override
  @JsonPropertyDescription(
      "Which nodes, which CPUs are reserved and isolated, and the placement policies.")
  public IsolationProfileSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "What the profile found on its nodes, with the recommended kernel command line.")
  public IsolationProfileStatus getStatus() {
    return super.getStatus();
  }
}
