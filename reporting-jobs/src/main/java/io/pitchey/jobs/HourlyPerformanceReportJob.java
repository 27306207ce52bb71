package io.pitchey.jobs;

import java.sql.SQLException;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hourly performance report (seed: "0 * * * * Performance reports"): writes the report of the
 * last full hour by the injected clock, repairs the recent backlog (see {@link HourlyReports}) and
 * logs one summary line per report.
 *
 * <p>Never runs twice at once, across the whole cluster ({@link DisallowConcurrentExecution} is
 * enforced by the shared job store). Idempotent: a re-run, including Quartz's recovery run after a
 * node died mid-job, replaces the reports it writes.
 */
@DisallowConcurrentExecution
public final class HourlyPerformanceReportJob implements Job {
  /** Pass to {@link ReportingScheduler#triggerNow(JobKey)} to run it now. */
  public static final JobKey KEY = JobKey.jobKey("hourly-performance-report", JobCatalog.GROUP);

  private static final Logger LOG = LoggerFactory.getLogger(HourlyPerformanceReportJob.class);

  private final HourlyReports reports;

  HourlyPerformanceReportJob(HourlyReports reports) {
    this.reports = reports;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    try {
      for (PerformanceReport report : reports.catchUp()) {
        LOG.info("performance report {}", report.summary());
      }
    } catch (SQLException e) {
      // No immediate refire: a database that just failed rarely recovers within a second, and the
      // next hourly run repairs this hour anyway (it is in the backlog until a final report
      // exists).
      throw new JobExecutionException(
          "hourly performance report failed: " + e.getMessage(), e, false);
    }
  }
}
