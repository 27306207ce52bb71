package io.pitchey.jobs;

import io.pitchey.config.DatabaseSettings;
import io.pitchey.config.NodeIdentity;
import io.pitchey.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.quartz.CronExpression;

/**
 * The reporting-jobs process's settings, read once at start-up and immutable after. Keys (contracts
 * §1 layering, e.g. {@code PITCHEY_JOBS_REPORT_CRON}): {@code db.*}, {@code http.port}, {@code
 * jobs.instance-id} (else {@code instance}), {@code jobs.threads}, {@code jobs.report-cron}, {@code
 * jobs.shutdown-timeout}.
 *
 * @param db where the metrics tables and the Quartz job store live
 * @param httpPort port of the process's {@code /health} and {@code /metrics} endpoints
 * @param instanceId this node's Quartz instance id; must be unique within the cluster (defaults to
 *     the node's instance name, host name + pid)
 * @param threads how many jobs this node may run at once
 * @param reportCron when the hourly performance report runs, a Quartz cron expression in UTC
 * @param shutdownTimeout how long {@link ReportingScheduler#close()} waits for running jobs
 */
public record JobsConfig(
    DatabaseSettings db,
    int httpPort,
    String instanceId,
    int threads,
    String reportCron,
    Duration shutdownTimeout) {

  /** Component defaults, to pass to {@code ConfigLayers.load} (contracts §1: port 7072). */
  public static final Map<String, Object> DEFAULTS =
      Map.of(
          "http.port",
          7072,
          "jobs.threads",
          3,
          "jobs.report-cron",
          "0 0 * * * ?",
          "jobs.shutdown-timeout",
          "30s");

  /**
   * Connections needed on top of one per job thread: Quartz advises three for its own threads
   * (scheduler, cluster check-in, misfire handler), and one more serves callers of {@link
   * ReportingScheduler#runReportFor} and {@link ReportingScheduler#triggerNow}.
   */
  private static final int CONNECTIONS_BESIDES_JOBS = 4;

  /** Quartz stores instance ids in a VARCHAR(200) column. */
  private static final int MAX_INSTANCE_ID = 200;

  public JobsConfig {
    if (instanceId.isBlank() || instanceId.length() > MAX_INSTANCE_ID) {
      throw new IllegalArgumentException(
          "instance id must be 1-" + MAX_INSTANCE_ID + " characters, was '" + instanceId + "'");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    if (!CronExpression.isValidExpression(reportCron)) {
      throw new IllegalArgumentException("not a Quartz cron expression: '" + reportCron + "'");
    }
  }

  /** Reads and validates the settings; errors name the offending setting. */
  public static JobsConfig from(Settings settings) {
    String cron = settings.string("jobs.report-cron");
    if (!CronExpression.isValidExpression(cron)) {
      throw settings.invalid(
          "jobs.report-cron",
          "not a Quartz cron expression (sec min hour day month weekday): '" + cron + "'");
    }
    return new JobsConfig(
        DatabaseSettings.from(settings),
        settings.port("http.port"),
        settings
            .optionalString("jobs.instance-id")
            .orElseGet(() -> NodeIdentity.from(settings, "reporting-jobs").instance()),
        settings.integer("jobs.threads", 1, 64),
        cron,
        settings.duration("jobs.shutdown-timeout", Duration.ZERO));
  }

  /**
   * The smallest connection pool that never starves the job store: size the process's pool with it.
   */
  public int connectionPoolSize() {
    return threads + CONNECTIONS_BESIDES_JOBS;
  }
}
