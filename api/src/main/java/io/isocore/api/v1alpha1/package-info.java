/**
 * The {@code isocore.io/v1alpha1} API: {@link io.isocore.api.v1alpha1.NodeTopology}, {@link
 * io.isocore.api.v1alpha1.IsolationProfile}, {@link io.isocore.api.v1alpha1.LatencyTenant} and
 * {@link io.isocore.api.v1alpha1.CoreAllocation}. Field descriptions become {@code kubectl
 * explain}; the build generates the CRDs from these types.
 */
package io.isocore.api.v1alpha1;
