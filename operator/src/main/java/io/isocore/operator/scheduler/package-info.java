/**
 * The scheduler: the single-threaded level-triggered loop ({@link
 * io.isocore.operator.scheduler.SchedulingLoop}, {@link
 * io.isocore.operator.scheduler.SchedulingReconciler}) and its steps. Admission is split into the
 * pure {@link io.isocore.operator.scheduler.AdmissionPlanner} (decides), the {@link
 * io.isocore.operator.scheduler.PlacementCommitter} (writes the CoreAllocation, binds, rolls back)
 * and the {@link io.isocore.operator.scheduler.PendingGauge}.
 */
package io.isocore.operator.scheduler;
