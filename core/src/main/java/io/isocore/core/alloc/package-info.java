/**
 * Core allocation: which node, NUMA node and physical cores a latency pod gets. Pure and
 * deterministic: {@link io.isocore.core.alloc.AllocationState} holds the nodes ({@link
 * io.isocore.core.alloc.NodeInventory}) and the allocations ({@link
 * io.isocore.core.alloc.PodAllocation}), plans a pod ({@link
 * io.isocore.core.alloc.PlacementDecision}) and never lets a CPU have two owners.
 */
package io.isocore.core.alloc;
