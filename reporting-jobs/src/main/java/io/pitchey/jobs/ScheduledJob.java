package io.pitchey.jobs;

import org.quartz.CronTrigger;
import org.quartz.JobDetail;

/**
 * A job definition and the one cron trigger that fires it: the unit {@link JobRegistrar} keeps in
 * the store.
 */
record ScheduledJob(JobDetail detail, CronTrigger trigger) {
  ScheduledJob {
    if (!trigger.getJobKey().equals(detail.getKey())) {
      throw new IllegalArgumentException(
          trigger.getKey() + " fires " + trigger.getJobKey() + ", not " + detail.getKey());
    }
  }
}
