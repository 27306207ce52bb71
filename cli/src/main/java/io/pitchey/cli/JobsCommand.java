package io.pitchey.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.jobs.JobsConfig;
import io.pitchey.jobs.ReportingScheduler;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.Migrations;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pitchey jobs}: the Quartz scheduler, clustered on the database's job store. */
@Command(
    name = "jobs",
    mixinStandardHelpOptions = true,
    description = "Run the reporting scheduler against an external PostgreSQL.")
final class JobsCommand implements Callable<Integer> {
  @Mixin ExternalServices services;

  @Override
  public Integer call() throws Exception {
    JobsConfig config = JobsConfig.from(services.settings(JobsConfig.DEFAULTS));
    try (Lifecycle lifecycle = new Lifecycle()) {
      HikariDataSource db =
          lifecycle.add(DataSources.pooled(config.db(), "jobs", config.connectionPoolSize()));
      Migrations.migrate(db);
      lifecycle.add(ReportingScheduler.start(config, db, Clock.systemUTC()));
      lifecycle.awaitShutdown();
    }
    return 0;
  }
}
