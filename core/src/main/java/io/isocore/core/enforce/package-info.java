/**
 * Pure enforcement decisions for the node agent: which CPUs form the shared pool, what cpuset each
 * cgroup under kubepods should hold, in which order to write it so that no cgroup v1 write fails
 * halfway, and how tickets become CFS weights. No I/O: the agent's adapters observe the cgroup tree
 * and apply the plan.
 */
package io.isocore.core.enforce;
