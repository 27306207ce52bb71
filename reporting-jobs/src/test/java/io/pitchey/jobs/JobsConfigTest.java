package io.pitchey.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitchey.config.ConfigLayers;
import io.pitchey.config.InvalidConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobsConfigTest {
  // reference.conf's db.password = "" is refused as empty by Settings.string (a config-module
  // issue),
  // so every load here sets one.
  private static final Map<String, String> PASSWORD = Map.of("db.password", "secret");

  @Test
  void defaults_serve_on_7072_and_report_at_the_top_of_every_hour() {
    JobsConfig config =
        JobsConfig.from(ConfigLayers.load(JobsConfig.DEFAULTS, null, Map.of(), PASSWORD));

    assertThat(config.httpPort()).isEqualTo(7072);
    assertThat(config.reportCron()).isEqualTo("0 0 * * * ?");
    assertThat(config.threads()).isEqualTo(3);
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.instanceId()).isNotBlank();
  }

  @Test
  void environment_and_flags_override_the_defaults() {
    JobsConfig config =
        JobsConfig.from(
            ConfigLayers.load(
                JobsConfig.DEFAULTS,
                null,
                Map.of("PITCHEY_HTTP_PORT", "9000", "PITCHEY_JOBS_INSTANCE_ID", "jobs-a"),
                Map.of("jobs.report-cron", "0 5 * * * ?", "db.password", "secret")));

    assertThat(config.httpPort()).isEqualTo(9000);
    assertThat(config.instanceId()).isEqualTo("jobs-a");
    assertThat(config.reportCron()).isEqualTo("0 5 * * * ?");
  }

  @Test
  void a_malformed_cron_expression_is_refused_naming_the_setting() {
    var settings =
        ConfigLayers.load(
            JobsConfig.DEFAULTS,
            null,
            Map.of(),
            Map.of("jobs.report-cron", "0 * * * *", "db.password", "secret"));

    assertThatThrownBy(() -> JobsConfig.from(settings))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("jobs.report-cron");
  }

  @Test
  void the_pool_has_a_connection_for_every_job_thread_for_quartz_itself_and_for_callers() {
    JobsConfig config =
        JobsConfig.from(
            ConfigLayers.load(
                JobsConfig.DEFAULTS,
                null,
                Map.of(),
                Map.of("jobs.threads", "5", "db.password", "secret")));

    assertThat(config.connectionPoolSize()).isEqualTo(5 + 3 + 1);
  }
}
