package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * What a team is entitled to.
 *
 * @param namespaces the namespaces whose latency pods belong to the tenant
 * @param tickets the tenant's share of isolated cores, relative to the other active tenants
 * @param maxIsolatedCores an optional cap on the isolated cores the tenant holds at once
 * @param inflation an optional, bounded window of extra tickets
 */
@JsonClassDescription("A team's namespaces, tickets and optional cap.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LatencyTenantSpec(
    @JsonPropertyDescription("Namespaces whose latency pods belong to this tenant.")
        @Required
        @Size(min = 1)
        List<String> namespaces,
    @JsonPropertyDescription(
            "Tickets: the tenant's share of isolated cores relative to the other tenants with"
                + " pods (proportional share, stride scheduling).")
        @Required
        @Min(1)
        @Max(1000000)
        Integer tickets,
    @JsonPropertyDescription("Cap on the isolated cores the tenant holds at once. Unset: no cap.")
        @Min(0)
        Integer maxIsolatedCores,
    @JsonPropertyDescription(
            "A bounded window of extra tickets (e.g. market open). Honoured only for tenants the"
                + " operator's configuration allows, and capped by its maximum factor.")
        TicketInflation inflation) {}
