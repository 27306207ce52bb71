package io.pitchey.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.JobKey;
import org.quartz.impl.SchedulerRepository;

@ExtendWith(DevStackExtension.class)
class ReportingSchedulerTest {
  private static final String HOURLY = "0 0 * * * ?";
  private static final Clock AFTER_THREE_PM =
      Clock.fixed(Instant.parse("2025-03-04T15:00:20Z"), ZoneOffset.UTC);

  private static TestDatabase db;

  @BeforeAll
  static void migratedDatabase(LocalPostgres postgres) {
    db = TestDatabase.migrated(postgres, "scheduler");
  }

  @BeforeEach
  void noJobsNoWindowsNoReports() throws SQLException {
    db.truncateMetricsAndQuartz();
  }

  @AfterAll
  static void closeDatabase() {
    db.close();
  }

  @Test
  void starts_clustered_and_registers_the_hourly_report_job() throws SQLException {
    try (ReportingScheduler scheduler = start("node-a", HOURLY)) {
      assertThat(scheduler.isClustered()).isTrue();
      assertThat(scheduler.jobs()).containsExactly(HourlyPerformanceReportJob.KEY);
      assertThat(
              db.queryLong(
                  "select count(*) from quartz.qrtz_scheduler_state where instance_name = 'node-a'"))
          .as("the node checked in with the cluster")
          .isEqualTo(1);
      assertThat(
              db.queryLong(
                  "select count(*) from quartz.qrtz_cron_triggers where cron_expression = ? and time_zone_id = 'UTC'",
                  HOURLY))
          .isEqualTo(1);
    }
  }

  @Test
  void a_restart_with_another_cron_expression_updates_the_stored_schedule() throws SQLException {
    start("node-a", HOURLY).close();

    try (ReportingScheduler scheduler = start("node-a", "0 30 * * * ?")) {
      assertThat(scheduler.jobs()).containsExactly(HourlyPerformanceReportJob.KEY);
      assertThat(db.queryLong("select count(*) from quartz.qrtz_cron_triggers")).isEqualTo(1);
      assertThat(
              db.queryLong(
                  "select count(*) from quartz.qrtz_cron_triggers where cron_expression = '0 30 * * * ?'"))
          .isEqualTo(1);
    }
  }

  @Test
  void a_restart_with_the_same_schedule_keeps_the_stored_trigger_so_a_missed_fire_is_still_made_up()
      throws SQLException {
    start("node-a", HOURLY).close();
    long firstStart = db.queryLong("select start_time from quartz.qrtz_triggers");

    start("node-b", HOURLY).close();

    assertThat(db.queryLong("select start_time from quartz.qrtz_triggers")).isEqualTo(firstStart);
  }

  @Test
  void triggering_the_report_job_now_reports_the_previous_hour_by_the_clock() throws SQLException {
    new WindowRows(db.dataSource())
        .insertFinal(
            WindowRows.Window.of(
                Instant.parse("2025-03-04T14:10:00Z"),
                "GET",
                "/api/pitches",
                WindowRows.repeat(20_000, 7)));

    try (ReportingScheduler scheduler = start("node-a", HOURLY)) {
      scheduler.triggerNow(HourlyPerformanceReportJob.KEY);

      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(
                          db.queryLong(
                              "select count(*) from metrics.performance_reports"
                                  + " where period_start = '2025-03-04T14:00:00Z' and requests = 7"))
                      .isEqualTo(1));
    }
  }

  @Test
  void running_the_report_for_an_hour_twice_leaves_one_report_of_that_hour() throws SQLException {
    Instant twoPm = Instant.parse("2025-03-04T14:00:00Z");
    new WindowRows(db.dataSource())
        .insertFinal(
            WindowRows.Window.of(
                twoPm.plusSeconds(600), "GET", "/api/pitches", WindowRows.repeat(20_000, 3)));

    try (ReportingScheduler scheduler = start("node-a", HOURLY)) {
      PerformanceReport first = scheduler.runReportFor(twoPm);
      PerformanceReport second = scheduler.runReportFor(twoPm);

      assertThat(second.requests()).isEqualTo(first.requests()).isEqualTo(3);
      assertThat(second.generatedAt()).isEqualTo(AFTER_THREE_PM.instant());
    }
    assertThat(db.queryLong("select count(*) from metrics.performance_reports")).isEqualTo(1);
  }

  @Test
  void a_second_scheduler_in_the_same_jvm_is_refused() {
    ReportingScheduler first = start("node-a", HOURLY);
    try {
      assertThatThrownBy(() -> start("node-b", HOURLY))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already runs");
    } finally {
      first.close();
    }
  }

  @Test
  void triggering_an_unknown_job_is_refused() {
    try (ReportingScheduler scheduler = start("node-a", HOURLY)) {
      assertThatThrownBy(() -> scheduler.triggerNow(JobKey.jobKey("no-such-job", "pitchey")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no-such-job");
    }
  }

  @Test
  void closing_stops_waiting_for_a_running_job_at_the_shutdown_timeout() throws SQLException {
    ReportingScheduler scheduler = start("node-a", HOURLY, Duration.ofMillis(500));
    try (Connection blocker = db.dataSource().getConnection();
        Statement lock = blocker.createStatement()) {
      // holds the report table so the job cannot finish until we let it
      blocker.setAutoCommit(false);
      lock.execute("lock table metrics.performance_reports in exclusive mode");
      scheduler.triggerNow(HourlyPerformanceReportJob.KEY);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  db.queryLong(
                          "select count(*) from quartz.qrtz_fired_triggers where state = 'EXECUTING'")
                      == 1);

      long began = System.nanoTime();
      scheduler.close();

      assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
      blocker.rollback();
    }
    // the abandoned shutdown completes once the job does; later tests need the JVM's scheduler slot
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                SchedulerRepository.getInstance().lookup(QuartzProperties.SCHEDULER_NAME) == null);
  }

  private ReportingScheduler start(String instanceId, String cron) {
    return start(instanceId, cron, Duration.ofSeconds(10));
  }

  private ReportingScheduler start(String instanceId, String cron, Duration shutdownTimeout) {
    JobsConfig config = new JobsConfig(db.settings(), 0, instanceId, 2, cron, shutdownTimeout);
    return ReportingScheduler.start(config, db.dataSource(), AFTER_THREE_PM);
  }
}
