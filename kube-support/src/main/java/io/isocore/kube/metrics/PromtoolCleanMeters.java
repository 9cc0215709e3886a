package io.isocore.kube.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Keeps Micrometer's framework meters clean under {@code promtool check metrics}, for both
 * applications: {@code process.cpu.time} would be {@code process_cpu_time_ns_total}, an abbreviated
 * unit, and is dropped ({@code process_cpu_usage} stays); {@code system.cpu.count} would end in
 * {@code _count} like a histogram's and is renamed {@code system_cpus}; meters registered without a
 * description (Netty's allocator, the HTTP server's active requests) get one, since a family
 * without HELP is flagged. quarkus-micrometer applies MeterFilter beans to every registry before
 * its binders register.
 */
@Singleton
public class PromtoolCleanMeters {

  @Produces
  @Singleton
  MeterFilter promtoolClean() {
    return new MeterFilter() {
      @Override
      public MeterFilterReply accept(Meter.Id id) {
        return id.getName().equals("process.cpu.time")
            ? MeterFilterReply.DENY
            : MeterFilterReply.NEUTRAL;
      }

      @Override
      public Meter.Id map(Meter.Id id) {
        Meter.Id named = id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
        String description = named.getDescription();
        if (description != null && !description.isBlank()) {
          return named;
        }
        return new Meter.Id(
            named.getName(),
            io.micrometer.core.instrument.Tags.of(named.getTagsAsIterable()),
            named.getBaseUnit(),
            "Micrometer meter " + named.getName() + " (no description given by its binder).",
            named.getType());
      }
    };
  }
}
