package io.isocore.agent.cgroup;

/**
 * Whether a cgroup can become a cgroup v2 isolated partition ({@code cpuset.cpus.partition}).
 *
 * @param available whether the kernel offers the file for this cgroup
 * @param current the file's value when available ({@code member}, {@code root}, {@code isolated},
 *     possibly with an {@code invalid} suffix), else ""
 * @param detail why it is unavailable, or what the value means
 */
public record PartitionSupport(boolean available, String current, String detail) {}
