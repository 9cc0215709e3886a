package io.isocore.core.admission;

import io.isocore.core.pod.PodKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Pending latency pods of all tenants and the order they are admitted in. Subclasses choose the
 * next tenant: {@link StrideQueue} (deterministic proportional share) or {@link LotteryQueue}
 * (random draw weighted by tickets).
 *
 * <p>Work-conserving: when a tenant's pods fit nowhere (or would break its cap) the next tenant is
 * tried. Within a tenant, pods are tried in arrival order. Time is passed in, never read: ticket
 * inflation depends on the {@code now} of each call. Not thread-safe.
 */
public abstract sealed class AdmissionQueue permits StrideQueue, LotteryQueue {

  /** One tenant's book: spec, pending pods, cores held and pass. */
  static final class Account {
    final String name;
    Tenant tenant;
    final LinkedHashMap<PodKey, PendingPod> pending = new LinkedHashMap<>();
    int allocated;
    long pass;

    /** Set by a restored pass of a tenant that was waiting: its next join keeps the pass. */
    boolean keepPassOnJoin;

    Account(String name) {
      this.name = name;
    }

    Optional<String> invalidReason() {
      return tenant == null
          ? Optional.of("no LatencyTenant named " + name)
          : tenant.invalidReason();
    }

    boolean valid() {
      return invalidReason().isEmpty();
    }
  }

  private final double maxInflationFactor;
  final TreeMap<String, Account> accounts = new TreeMap<>();
  private final Map<PodKey, String> tenantOfPod = new HashMap<>();
  private final ShareErrorWindows shareErrors = new ShareErrorWindows();

  /**
   * @param maxInflationFactor the cluster's bound on any tenant's inflation factor (at least 1)
   */
  AdmissionQueue(double maxInflationFactor) {
    if (!(maxInflationFactor >= 1)) {
      throw new IllegalArgumentException(
          "maximum inflation factor must be at least 1, got " + maxInflationFactor);
    }
    this.maxInflationFactor = maxInflationFactor;
  }

  /** Adds a tenant or replaces its spec; its pass, pods and held cores are kept. */
  public void putTenant(Tenant tenant) {
    Account account = accounts.get(tenant.name());
    if (account == null) {
      account = new Account(tenant.name());
      account.pass = startPass(account);
      accounts.put(tenant.name(), account);
    }
    account.tenant = tenant;
  }

  /**
   * Removes a tenant with its pending pods.
   *
   * @return the pods that were pending
   */
  public List<PendingPod> removeTenant(String name) {
    Account account = accounts.remove(name);
    if (account == null) {
      return List.of();
    }
    account.pending.keySet().forEach(tenantOfPod::remove);
    return List.copyOf(account.pending.values());
  }

  /**
   * Queues a pod behind its tenant's earlier pods. A pod of an unknown or invalid tenant is kept
   * but never admitted; {@link #status} says why.
   *
   * @throws IllegalArgumentException when the pod is already queued
   */
  public void offer(PendingPod pod) {
    if (tenantOfPod.containsKey(pod.pod())) {
      throw new IllegalArgumentException(
          "pod " + pod.pod() + " is already queued for tenant " + tenantOfPod.get(pod.pod()));
    }
    Account account = accounts.get(pod.tenant());
    if (account == null) {
      account = new Account(pod.tenant());
      account.pass = startPass(account);
      accounts.put(pod.tenant(), account);
    }
    if (account.pending.isEmpty() && !account.keepPassOnJoin) {
      account.pass = Math.max(account.pass, startPass(account));
    }
    account.keepPassOnJoin = false;
    account.pending.put(pod.pod(), pod);
    tenantOfPod.put(pod.pod(), pod.tenant());
  }

  /** Removes a queued pod (deleted before admission); returns whether it was queued. */
  public boolean withdraw(PodKey pod) {
    String tenant = tenantOfPod.remove(pod);
    return tenant != null && accounts.get(tenant).pending.remove(pod) != null;
  }

  /** Returns whether the pod is queued. */
  public boolean isQueued(PodKey pod) {
    return tenantOfPod.containsKey(pod);
  }

  /** Charges cores a tenant's pod holds without admission (rebuilding after a restart). */
  public void charge(String tenant, int cores) {
    accounts.computeIfAbsent(tenant, this::newAccount).allocated += cores;
  }

  /** Returns cores a tenant's pod held (the pod was deleted or terminated). */
  public void release(String tenant, int cores) {
    Account account = accounts.get(tenant);
    if (account != null) {
      account.allocated = Math.max(0, account.allocated - cores);
    }
  }

  Account newAccount(String name) {
    Account account = new Account(name);
    account.pass = startPass(account);
    return account;
  }

  /**
   * Admits the next pod: asks {@code attempt} to place the chosen tenant's pods in arrival order,
   * moving to the next tenant when none fits.
   *
   * @return the admission, or empty when no pending pod fits anywhere
   */
  public Optional<Admission> admitNext(Instant now, PlacementAttempt attempt) {
    for (Account account : order(now)) {
      Optional<Admission> admitted = tryAccount(account, now, attempt);
      if (admitted.isPresent()) {
        return admitted;
      }
    }
    return Optional.empty();
  }

  /** Admits pods until none fits; returns them in admission order. */
  public List<Admission> admitAll(Instant now, PlacementAttempt attempt) {
    List<Admission> admitted = new ArrayList<>();
    for (Optional<Admission> next = admitNext(now, attempt);
        next.isPresent();
        next = admitNext(now, attempt)) {
      admitted.add(next.get());
    }
    return admitted;
  }

  private Optional<Admission> tryAccount(Account account, Instant now, PlacementAttempt attempt) {
    Iterator<PendingPod> pods = account.pending.values().iterator();
    while (pods.hasNext()) {
      PendingPod pod = pods.next();
      OptionalInt cap = account.tenant.maxCores();
      if (cap.isPresent() && account.allocated + pod.cores() > cap.getAsInt()) {
        continue;
      }
      OptionalInt cores = attempt.tryPlace(pod);
      if (cores.isPresent()) {
        shareErrors.admitted(account.name, cores.getAsInt(), activeTickets(now));
        pods.remove();
        tenantOfPod.remove(pod.pod());
        long before = account.pass;
        account.allocated += cores.getAsInt();
        charged(account, cores.getAsInt(), now);
        return Optional.of(new Admission(pod, cores.getAsInt(), before));
      }
    }
    return Optional.empty();
  }

  /** Valid tenants with pending pods, in the order they get to try. */
  abstract List<Account> order(Instant now);

  /** Accounts for an admission of {@code cores} to {@code account}. */
  abstract void charged(Account account, int cores, Instant now);

  /** The pass a tenant starts at when it becomes active. */
  abstract long startPass(Account joining);

  /** Returns the tenant's effective tickets at {@code now} (0 for an invalid tenant). */
  public long effectiveTickets(String tenant, Instant now) {
    Account account = accounts.get(tenant);
    return account == null || !account.valid()
        ? 0
        : account.tenant.effectiveTickets(now, maxInflationFactor);
  }

  long effectiveTickets(Account account, Instant now) {
    return account.valid() ? account.tenant.effectiveTickets(now, maxInflationFactor) : 0;
  }

  /** Valid tenants with pending pods, by name. */
  List<Account> activeAccounts() {
    List<Account> active = new ArrayList<>();
    for (Account account : accounts.values()) {
      if (!account.pending.isEmpty() && account.valid()) {
        active.add(account);
      }
    }
    return active;
  }

  /** Effective tickets of the valid tenants with pending pods, by name. */
  private Map<String, Long> activeTickets(Instant now) {
    Map<String, Long> tickets = new LinkedHashMap<>();
    for (Account account : activeAccounts()) {
      tickets.put(account.name, effectiveTickets(account, now));
    }
    return tickets;
  }

  /**
   * Returns each tenant's share error in cores per window of admissions (see {@link
   * ShareErrorWindows}): admitted minus owed by its tickets among the tenants waiting then.
   */
  public Map<String, Map<Integer, Double>> shareErrors() {
    return shareErrors.errors();
  }

  /** Returns the window sizes of {@link #shareErrors()}, in admissions. */
  public List<Integer> shareErrorWindows() {
    return shareErrors.windows();
  }

  /** Returns the tenant's pending pods in arrival order. */
  public List<PendingPod> pending(String tenant) {
    Account account = accounts.get(tenant);
    return account == null ? List.of() : List.copyOf(account.pending.values());
  }

  /** Returns the tenants known, by name: those put and those named by a pod or a charge. */
  public Collection<String> tenants() {
    return List.copyOf(accounts.keySet());
  }

  /**
   * Returns every tenant's status at {@code now}, by name.
   *
   * @param usableCores the isolated cores the tenants share (see {@code
   *     AllocationState.usableCores()})
   */
  public List<TenantStatus> statuses(Instant now, long usableCores) {
    Map<String, Long> activeTickets = new LinkedHashMap<>();
    Map<String, Integer> caps = new HashMap<>();
    for (Account account : accounts.values()) {
      if (account.valid() && (!account.pending.isEmpty() || account.allocated > 0)) {
        activeTickets.put(account.name, effectiveTickets(account, now));
        account.tenant.maxCores().ifPresent(cap -> caps.put(account.name, cap));
      }
    }
    Map<String, Double> entitled = Entitlements.share(activeTickets, caps, usableCores);
    List<TenantStatus> statuses = new ArrayList<>();
    for (Account account : accounts.values()) {
      statuses.add(
          new TenantStatus(
              account.name,
              effectiveTickets(account, now),
              account.valid() && account.tenant.inflationActive(now),
              entitled.getOrDefault(account.name, 0.0),
              account.allocated,
              account.pending.size(),
              account.pass,
              account.invalidReason()));
    }
    return statuses;
  }

  /** Returns one tenant's status, as {@link #statuses}. */
  public Optional<TenantStatus> status(String tenant, Instant now, long usableCores) {
    return statuses(now, usableCores).stream().filter(s -> s.name().equals(tenant)).findFirst();
  }
}
