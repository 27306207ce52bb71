package io.pitchey.jobs;

import java.util.List;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.TriggerBuilder;

/**
 * Every job this process schedules, with its trigger. The job store is made to match this list on
 * start-up (see {@link JobRegistrar}), so the code, not the database, is the source of truth.
 *
 * <p>Choices shared by all jobs, and why:
 *
 * <ul>
 *   <li>Cron in UTC: report hours and rollup boundaries must not move with a host's time zone or
 *       DST.
 *   <li>Misfire: fire once now, then keep the schedule. A fire missed while no node ran is made up
 *       once (not once per missed fire); each job repairs its own backlog, so one run is enough.
 *   <li>Durable and requesting recovery: the definition survives trigger changes, and a job that
 *       was running on a node that died is re-run by another node; every job is idempotent.
 * </ul>
 */
final class JobCatalog {
  /**
   * The Quartz group of every Pitchey job; jobs found in it that are not in the catalog are
   * retired.
   */
  static final String GROUP = "pitchey";

  private JobCatalog() {}

  static List<ScheduledJob> jobs(JobsConfig config) {
    return List.of(
        cron(
            JobBuilder.newJob(HourlyPerformanceReportJob.class)
                .withIdentity(HourlyPerformanceReportJob.KEY)
                .withDescription("per-route performance report of the last full hour")
                .storeDurably()
                .requestRecovery()
                .build(),
            config.reportCron()));
  }

  private static ScheduledJob cron(JobDetail detail, String expression) {
    CronTrigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(detail.getKey().getName(), GROUP)
            .forJob(detail)
            .withSchedule(
                CronScheduleBuilder.cronSchedule(expression)
                    .inTimeZone(TimeZone.getTimeZone("UTC"))
                    .withMisfireHandlingInstructionFireAndProceed())
            .build();
    return new ScheduledJob(detail, trigger);
  }
}
