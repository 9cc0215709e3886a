package io.isocore.operator.catalog;

import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.api.v1alpha1.LatencyTenantSpec;
import io.isocore.core.admission.InflationWindow;
import io.isocore.core.admission.Tenant;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The LatencyTenants as the admission queue sees them, and which tenant each namespace belongs to.
 * A namespace two tenants claim belongs to neither (its pods are not placed until an admin resolves
 * it); a tenant whose spec cannot be read (no namespaces, a bad inflation window) is kept with 0
 * tickets so that it is reported invalid, never admitted.
 *
 * @param tenants the admission queue's view of each tenant, by name
 * @param problems why a tenant is not usable as written, by name (beyond {@link
 *     Tenant#invalidReason()})
 * @param namespaces the tenant of each claimed namespace
 * @param contested the tenants claiming each namespace claimed more than once
 */
public record TenantDirectory(
    Map<String, Tenant> tenants,
    Map<String, String> problems,
    Map<String, String> namespaces,
    Map<String, Set<String>> contested) {

  /** The most tickets a tenant may hold (the CRD's maximum of spec.tickets). */
  public static final long MAX_TICKETS = 1_000_000;

  /**
   * @param inflationAllowed tenants the operator's configuration lets inflate their tickets
   */
  public static TenantDirectory of(List<LatencyTenant> resources, Set<String> inflationAllowed) {
    Map<String, Tenant> tenants = new TreeMap<>();
    Map<String, String> problems = new TreeMap<>();
    Map<String, Set<String>> claims = new TreeMap<>();
    for (LatencyTenant resource : resources) {
      String name = resource.getMetadata().getName();
      LatencyTenantSpec spec = resource.getSpec();
      if (spec == null || spec.namespaces() == null || spec.namespaces().isEmpty()) {
        problems.put(name, "spec.namespaces must list at least one namespace");
      } else {
        spec.namespaces().forEach(ns -> claims.computeIfAbsent(ns, k -> new TreeSet<>()).add(name));
      }
      long tickets = spec == null || spec.tickets() == null ? 0 : spec.tickets();
      if (!problems.containsKey(name) && (tickets < 1 || tickets > MAX_TICKETS)) {
        // The schema says so too; an object written before it, or past it, is still refused here.
        problems.put(
            name,
            "spec.tickets: "
                + tickets
                + " tickets is outside 1.."
                + MAX_TICKETS
                + "; the tenant needs at least 1 to be admitted");
      }
      Tenant tenant =
          new Tenant(
              name,
              problems.containsKey(name) ? 0 : tickets,
              spec == null || spec.maxIsolatedCores() == null
                  ? OptionalInt.empty()
                  : OptionalInt.of(spec.maxIsolatedCores()),
              Optional.empty(),
              false);
      if (spec != null && spec.inflation() != null) {
        try {
          var window =
              new InflationWindow(
                  spec.inflation().factor(),
                  Instant.parse(spec.inflation().start()),
                  Instant.parse(spec.inflation().end()));
          tenant = tenant.withInflation(window, inflationAllowed.contains(name));
        } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
          problems.put(name, "spec.inflation: " + e.getMessage());
          tenant = new Tenant(name, 0, tenant.maxCores(), Optional.empty(), false);
        }
      }
      tenants.put(name, tenant);
    }
    Map<String, String> namespaces = new TreeMap<>();
    Map<String, Set<String>> contested = new TreeMap<>();
    claims.forEach(
        (ns, owners) -> {
          if (owners.size() == 1) {
            namespaces.put(ns, owners.iterator().next());
          } else {
            contested.put(ns, Set.copyOf(owners));
          }
        });
    return new TenantDirectory(tenants, problems, namespaces, contested);
  }

  /** Why the tenant may not be admitted, or empty. */
  public Optional<String> invalidReason(String tenant) {
    if (problems.containsKey(tenant)) {
      return Optional.of(problems.get(tenant));
    }
    Tenant t = tenants.get(tenant);
    return t == null ? Optional.of("no LatencyTenant named " + tenant) : t.invalidReason();
  }

  /** The namespaces the tenant shares with others. */
  public List<String> contestedNamespaces(String tenant) {
    List<String> out = new ArrayList<>();
    contested.forEach(
        (ns, owners) -> {
          if (owners.contains(tenant)) {
            out.add(ns);
          }
        });
    return out;
  }
}
