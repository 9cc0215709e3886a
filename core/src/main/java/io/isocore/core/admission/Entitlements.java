package io.isocore.core.admission;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Each active tenant's share of the isolated cores: proportional to effective tickets, with caps
 * honoured by water-filling (a capped tenant gets its cap, the rest is shared among the others).
 */
public final class Entitlements {

  private Entitlements() {}

  /**
   * Returns the entitled cores of each tenant.
   *
   * @param tickets effective tickets of the active tenants
   * @param caps core caps of the capped ones
   * @param cores the cores shared
   */
  public static Map<String, Double> share(
      Map<String, Long> tickets, Map<String, Integer> caps, long cores) {
    Map<String, Double> result = new HashMap<>();
    Set<String> open = new HashSet<>(tickets.keySet());
    double left = cores;
    boolean changed = true;
    while (changed && !open.isEmpty()) {
      changed = false;
      double total = open.stream().mapToLong(tickets::get).sum();
      for (String tenant : Set.copyOf(open)) {
        double share = total == 0 ? 0 : left * tickets.get(tenant) / total;
        Integer cap = caps.get(tenant);
        if (cap != null && share > cap) {
          result.put(tenant, (double) cap);
          open.remove(tenant);
          left -= cap;
          changed = true;
          break;
        }
      }
      if (!changed) {
        for (String tenant : open) {
          result.put(tenant, total == 0 ? 0 : left * tickets.get(tenant) / total);
        }
      }
    }
    return result;
  }
}
