/**
 * The hardware model isocore decides on: sockets, NUMA nodes, physical cores with their SMT
 * siblings, and L3 (uncore) cache groups. Built by the node agent from sysfs, carried in the
 * NodeTopology resource, and read by the allocator. Immutable records; ids are the kernel's.
 */
package io.isocore.core.topology;
