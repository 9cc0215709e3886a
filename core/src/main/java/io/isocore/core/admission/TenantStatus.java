package io.isocore.core.admission;

import java.util.Optional;

/**
 * What the LatencyTenant status shows.
 *
 * @param name the tenant
 * @param effectiveTickets tickets after inflation (0 when invalid)
 * @param inflationActive whether an allowed inflation window applies now
 * @param entitledCores its share of the usable isolated cores among active tenants (caps honoured:
 *     what a capped tenant cannot use goes to the others)
 * @param allocatedCores cores its pods hold
 * @param pendingPods its pods waiting for admission
 * @param pass the stride pass (0 under lottery)
 * @param invalidReason why nothing of it is admitted, if so
 */
public record TenantStatus(
    String name,
    long effectiveTickets,
    boolean inflationActive,
    double entitledCores,
    int allocatedCores,
    int pendingPods,
    long pass,
    Optional<String> invalidReason) {}
