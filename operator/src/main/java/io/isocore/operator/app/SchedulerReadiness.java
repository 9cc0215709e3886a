package io.isocore.operator.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready}: down while this replica holds the Lease but does not complete cycles (it
 * could not start leading, or every cycle fails), so a stuck leader shows instead of reading UP.
 */
@Readiness
@ApplicationScoped
public class SchedulerReadiness implements HealthCheck {
  private final SchedulerService scheduler;

  SchedulerReadiness(SchedulerService scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("isocore-scheduler").status(scheduler.ready()).build();
  }
}
