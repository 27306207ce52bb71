package io.pitchey.jobs;

import java.util.Map;
import java.util.function.Supplier;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/**
 * Builds each job instance with its dependencies (data source, clock) passed to its constructor, so
 * jobs need neither a no-argument constructor nor statics, and tests can hand them a fixed clock.
 * Quartz asks for a new instance per execution; the suppliers must be thread-safe.
 */
final class ConstructingJobFactory implements JobFactory {
  private final Map<Class<? extends Job>, Supplier<? extends Job>> constructors;

  ConstructingJobFactory(Map<Class<? extends Job>, Supplier<? extends Job>> constructors) {
    this.constructors = Map.copyOf(constructors);
  }

  @Override
  public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
    Class<? extends Job> type = bundle.getJobDetail().getJobClass();
    Supplier<? extends Job> constructor = constructors.get(type);
    if (constructor == null) {
      // e.g. a job stored by a newer version of this process, running on an older node
      throw new SchedulerException("no constructor registered for job class " + type.getName());
    }
    return constructor.get();
  }
}
