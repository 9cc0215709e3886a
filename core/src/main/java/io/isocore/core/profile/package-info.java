/**
 * An IsolationProfile resolved into the rules that the allocator, the enforcer, the jitter probe
 * and the audit follow: one record, one set of defaults, read once from the API by {@code mapping}.
 */
package io.isocore.core.profile;
