package io.pitchey.jobs;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.quartz.Job;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of the clustered reporting scheduler: a Quartz scheduler whose job store is schema
 * {@code quartz} of the Pitchey database, shared by every node (see {@link QuartzProperties}).
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>{@link #start} returns with the catalog's jobs registered (idempotently, see {@link
 *       JobRegistrar}) and the node firing triggers; each fire runs on exactly one node.
 *   <li>{@link #close()} stops firing at once, waits for running jobs at most {@link
 *       JobsConfig#shutdownTimeout()}, and then returns even if one still runs: its thread is a
 *       daemon, and because every job requests recovery another node re-runs it.
 *   <li>The data source stays the caller's: close it after this scheduler.
 * </ul>
 *
 * <p>Requires the schema at {@code V6} or later ({@code Migrations.migrate}). Only one scheduler
 * runs per JVM (Quartz keeps schedulers in a JVM-wide registry by cluster name). Thread-safe.
 */
public final class ReportingScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReportingScheduler.class);

  private final Scheduler scheduler;
  private final HourlyReports reports;
  private final Duration shutdownTimeout;

  private ReportingScheduler(Scheduler scheduler, HourlyReports reports, Duration shutdownTimeout) {
    this.scheduler = scheduler;
    this.reports = reports;
    this.shutdownTimeout = shutdownTimeout;
  }

  /**
   * Starts this node.
   *
   * @param clock decides which hour a report covers (and its {@code generated_at}); Quartz itself
   *     fires on the system clock
   * @throws JobsException if the job store cannot be reached or the jobs cannot be registered
   * @throws IllegalStateException if a reporting scheduler already runs in this JVM
   */
  public static ReportingScheduler start(JobsConfig config, DataSource dataSource, Clock clock) {
    HourlyReports reports = new HourlyReports(dataSource, clock);
    Map<Class<? extends Job>, Supplier<? extends Job>> jobs =
        Map.of(HourlyPerformanceReportJob.class, () -> new HourlyPerformanceReportJob(reports));
    Scheduler scheduler = create(config, dataSource);
    try {
      scheduler.setJobFactory(new ConstructingJobFactory(jobs));
      JobRegistrar.register(scheduler, JobCatalog.jobs(config));
      scheduler.start();
    } catch (SchedulerException | RuntimeException e) {
      shutdownQuietly(scheduler, false);
      throw new JobsException("the reporting scheduler did not start: " + e.getMessage(), e);
    }
    LOG.info(
        "reporting scheduler {} started (clustered, {} threads)",
        config.instanceId(),
        config.threads());
    return new ReportingScheduler(scheduler, reports, config.shutdownTimeout());
  }

  /** This node's Quartz instance id (its row in {@code quartz.qrtz_scheduler_state}). */
  public String instanceId() {
    return call(scheduler::getSchedulerInstanceId, "read the instance id");
  }

  /** Whether the job store is clustered; always true, exposed for health checks and tests. */
  public boolean isClustered() {
    return call(
        () -> scheduler.getMetaData().isJobStoreClustered(), "read the scheduler's metadata");
  }

  /** The Pitchey jobs in the shared job store. */
  public Set<JobKey> jobs() {
    return call(
        () -> scheduler.getJobKeys(GroupMatcher.jobGroupEquals(JobCatalog.GROUP)), "list the jobs");
  }

  /**
   * Fires a job once, now, as if its trigger had fired: asynchronously, on whichever node acquires
   * it first. A job that is already running (they disallow concurrency) runs again after it
   * finishes.
   *
   * @throws IllegalArgumentException if no such job is stored
   */
  public void triggerNow(JobKey job) {
    if (!call(() -> scheduler.checkExists(job), "look up " + job)) {
      throw new IllegalArgumentException("no such job: " + job + "; known: " + jobs());
    }
    try {
      scheduler.triggerJob(job);
    } catch (SchedulerException e) {
      throw new JobsException("could not trigger " + job + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes (or rewrites) the report of one hour now, on the calling thread, outside Quartz: for the
   * demo, tests and back-filling by hand.
   *
   * @param hourStart the start of a whole UTC hour
   * @throws IllegalArgumentException if {@code hourStart} is not on a whole hour
   */
  public PerformanceReport runReportFor(Instant hourStart) {
    try {
      PerformanceReport report = reports.reportFor(hourStart);
      LOG.info("performance report {}", report.summary());
      return report;
    } catch (SQLException e) {
      throw new JobsException(
          "the performance report of " + hourStart + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    // Quartz's own wait for running jobs has no bound; run it on a helper thread and bound our
    // wait.
    Thread stopper =
        Thread.ofPlatform()
            .daemon()
            .name("pitchey-jobs-shutdown")
            .start(() -> shutdownQuietly(scheduler, true));
    try {
      if (!stopper.join(shutdownTimeout)) {
        LOG.warn(
            "jobs still running {} after shutdown began; leaving them to the cluster's recovery",
            shutdownTimeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn(
          "interrupted while waiting for running jobs; leaving them to the cluster's recovery");
    }
  }

  private static Scheduler create(JobsConfig config, DataSource dataSource) {
    synchronized (ReportingScheduler.class) {
      Scheduler running = SchedulerRepository.getInstance().lookup(QuartzProperties.SCHEDULER_NAME);
      try {
        if (running != null && !running.isShutdown()) {
          // Quartz would silently hand back the running scheduler, configured for someone else.
          throw new IllegalStateException(
              "a reporting scheduler already runs in this JVM; close it first");
        }
        DataSourceConnectionProvider.register(QuartzProperties.SCHEDULER_NAME, dataSource);
        return new StdSchedulerFactory(QuartzProperties.of(config)).getScheduler();
      } catch (SchedulerException e) {
        throw new JobsException("could not create the Quartz scheduler: " + e.getMessage(), e);
      }
    }
  }

  private static void shutdownQuietly(Scheduler scheduler, boolean waitForJobs) {
    try {
      scheduler.shutdown(waitForJobs);
    } catch (SchedulerException | RuntimeException e) {
      LOG.warn("the Quartz scheduler did not shut down cleanly", e);
    }
  }

  private <T> T call(QuartzCall<T> call, String what) {
    try {
      return call.run();
    } catch (SchedulerException e) {
      throw new JobsException("could not " + what + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface QuartzCall<T> {
    T run() throws SchedulerException;
  }
}
