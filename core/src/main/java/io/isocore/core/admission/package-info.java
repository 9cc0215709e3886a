/**
 * Proportional share of isolated cores between tenants: which pending pod is admitted next. {@link
 * io.isocore.core.admission.StrideQueue} (deterministic) and {@link
 * io.isocore.core.admission.LotteryQueue} (random, weighted by tickets) share {@link
 * io.isocore.core.admission.AdmissionQueue}; {@link io.isocore.core.admission.Entitlements} gives
 * each active tenant its share of the cores.
 */
package io.isocore.core.admission;
