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
 * A team that shares the cluster's isolated cores with others in proportion to its tickets (stride
 * scheduling of admissions). Cluster-scoped.
 */
@JsonClassDescription(
    "A team that shares the cluster's isolated cores with others in proportion to its tickets (stride scheduling of admissions). Cluster-scoped.")
@Group("isocore.io")
@Version("v1alpha1")
@Singular("latencytenant")
@Plural("latencytenants")
@ShortNames("lt")
@Categories("isocore")
@AdditionalPrinterColumn(
    name = "Tickets",
    jsonPath = ".spec.tickets",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Effective",
    jsonPath = ".status.effectiveTickets",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Entitled",
    jsonPath = ".status.entitledCores",
    type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(
    name = "Allocated",
    jsonPath = ".status.allocatedCores",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Error",
    jsonPath = ".status.shareErrorCores.last100",
    type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(
    name = "Pending",
    jsonPath = ".status.pendingPods",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class LatencyTenant extends CustomResource<LatencyTenantSpec, LatencyTenantStatus> {

  @Override
  @JsonPropertyDescription("The tenant's namespaces, tickets, cap and inflation window.")
  public LatencyTenantSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "Effective tickets, entitled and allocated cores, pending pods and stride pass.")
  public LatencyTenantStatus getStatus() {
    return super.getStatus();
  }
}
