package io.pitchey.jobs;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the job store hold exactly the catalog's jobs and schedules, idempotently: every node runs
 * it on start-up, so a redeploy with a changed cron expression updates the cluster's schedule.
 *
 * <p>A trigger whose schedule is unchanged is kept, not replaced: replacing it would recompute its
 * next fire time from now and silently drop a fire missed while no node was running, which is what
 * the misfire instruction exists to make up. Changed or new triggers are stored with replace
 * semantics, so nodes starting at the same time cannot fail on each other's writes.
 */
final class JobRegistrar {
  private static final Logger LOG = LoggerFactory.getLogger(JobRegistrar.class);

  private JobRegistrar() {}

  static void register(Scheduler scheduler, List<ScheduledJob> jobs) throws SchedulerException {
    for (ScheduledJob job : jobs) {
      register(scheduler, job);
    }
    retireOthers(scheduler, jobs);
  }

  private static void register(Scheduler scheduler, ScheduledJob job) throws SchedulerException {
    Trigger stored = scheduler.getTrigger(job.trigger().getKey());
    if (stored instanceof CronTrigger cron && sameSchedule(cron, job.trigger())) {
      scheduler.addJob(
          job.detail(), true); // refresh the definition (description, class), keep the trigger
      return;
    }
    scheduler.scheduleJob(job.detail(), Set.of(job.trigger()), true);
    LOG.info(
        "scheduled {} with cron '{}' ({})",
        job.detail().getKey(),
        job.trigger().getCronExpression(),
        stored == null ? "new" : "changed");
  }

  static boolean sameSchedule(CronTrigger stored, CronTrigger wanted) {
    return Objects.equals(stored.getCronExpression(), wanted.getCronExpression())
        && stored.getTimeZone().getID().equals(wanted.getTimeZone().getID())
        && stored.getMisfireInstruction() == wanted.getMisfireInstruction()
        && stored.getJobKey().equals(wanted.getJobKey());
  }

  /** Deletes jobs of our group that the catalog no longer has (with their triggers). */
  private static void retireOthers(Scheduler scheduler, List<ScheduledJob> jobs)
      throws SchedulerException {
    Set<JobKey> wanted =
        jobs.stream().map(job -> job.detail().getKey()).collect(Collectors.toSet());
    for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(JobCatalog.GROUP))) {
      if (!wanted.contains(key)) {
        scheduler.deleteJob(key);
        LOG.info("retired job {}: no longer in the catalog", key);
      }
    }
  }
}
