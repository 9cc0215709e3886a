package io.isocore.core.audit;

import io.isocore.core.cpu.CpuSet;
import java.util.Optional;

/**
 * What an isolation profile asks of a node, in the terms the audit needs.
 *
 * @param reserved the housekeeping CPUs
 * @param explicitIsolated the isolated CPUs the profile names, or empty to use what the kernel
 *     isolates
 * @param fullCores whether pods get whole physical cores (SMT siblings together)
 * @param irqSteering whether the agent moves movable IRQs off exclusive CPUs
 */
public record AuditProfile(
    CpuSet reserved, Optional<CpuSet> explicitIsolated, boolean fullCores, boolean irqSteering) {}
