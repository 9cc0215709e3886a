package io.isocore.core.admission;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A team sharing the isolated cores (a LatencyTenant).
 *
 * @param name the tenant name
 * @param tickets its share relative to the other active tenants; a tenant with fewer than 1 ticket
 *     is invalid and nothing of it is admitted
 * @param maxCores a cap on the cores it holds at once, if any
 * @param inflation a window of extra tickets, if any
 * @param inflationAllowed whether the cluster configuration lets this tenant inflate
 */
public record Tenant(
    String name,
    long tickets,
    OptionalInt maxCores,
    Optional<InflationWindow> inflation,
    boolean inflationAllowed) {

  /** Rejects nulls and a blank name; tickets are checked by {@link #invalidReason()}. */
  public Tenant {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(maxCores, "maxCores");
    Objects.requireNonNull(inflation, "inflation");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a tenant needs a name");
    }
  }

  /** Returns a tenant without cap or inflation. */
  public static Tenant of(String name, long tickets) {
    return new Tenant(name, tickets, OptionalInt.empty(), Optional.empty(), false);
  }

  /** Returns this tenant with a cap on the cores it holds. */
  public Tenant withMaxCores(int cores) {
    return new Tenant(name, tickets, OptionalInt.of(cores), inflation, inflationAllowed);
  }

  /** Returns this tenant with an inflation window, allowed or not. */
  public Tenant withInflation(InflationWindow window, boolean allowed) {
    return new Tenant(name, tickets, maxCores, Optional.of(window), allowed);
  }

  /** Returns why the tenant cannot be admitted, or empty when it is valid. */
  public Optional<String> invalidReason() {
    if (tickets < 1) {
      return Optional.of(
          "tenant " + name + " has " + tickets + " tickets; it needs at least 1 to be admitted");
    }
    if (maxCores.isPresent() && maxCores.getAsInt() < 0) {
      return Optional.of("tenant " + name + " has a negative core cap " + maxCores.getAsInt());
    }
    return Optional.empty();
  }

  /** Returns whether an allowed inflation window applies at {@code now}. */
  public boolean inflationActive(Instant now) {
    return inflationAllowed && inflation.isPresent() && inflation.get().contains(now);
  }

  /**
   * Returns the tickets used for admission at {@code now}: {@code tickets x factor} inside an
   * allowed window, the factor bounded by {@code maxFactor}; plain tickets otherwise; 0 for an
   * invalid tenant.
   */
  public long effectiveTickets(Instant now, double maxFactor) {
    if (invalidReason().isPresent()) {
      return 0;
    }
    if (!inflationActive(now)) {
      return tickets;
    }
    double factor = Math.min(inflation.get().factor(), Math.max(1, maxFactor));
    return Math.max(tickets, Math.round(tickets * factor));
  }
}
