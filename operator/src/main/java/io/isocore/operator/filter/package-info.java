/**
 * Pure functions that filter nodes for a pod as the default kube-scheduler would (taints,
 * selectors, affinity, allocatable resources), on Fabric8 model objects, with no client calls.
 */
package io.isocore.operator.filter;
