/**
 * Pure isocore inputs of a scheduling cycle, built from the informers' caches ({@link
 * io.isocore.operator.catalog.ClusterView}): which nodes are usable and their inventories ({@link
 * io.isocore.operator.catalog.NodeCatalog}), the tenants ({@link
 * io.isocore.operator.catalog.TenantDirectory}).
 */
package io.isocore.operator.catalog;
