package io.pitchey.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.api.ServeConfig;
import io.pitchey.api.ServingApi;
import io.pitchey.api.db.DatabasePools;
import io.pitchey.ingest.publish.KafkaTimingPublisher;
import io.pitchey.ingest.topic.Topics;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.Migrations;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pitchey serve}: the HTTP API, publishing every request's timing to Kafka. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the serving API against external Kafka and PostgreSQL.")
final class ServeCommand implements Callable<Integer> {
  @Mixin ExternalServices services;

  @Override
  public Integer call() throws Exception {
    ServeConfig config = ServeConfig.from(services.settings(ServeConfig.DEFAULTS));
    try (Lifecycle lifecycle = new Lifecycle()) {
      // migrations may run longer than the API's statement timeout: their own short-lived pool
      try (HikariDataSource migrations = DataSources.pooled(config.db(), "migrate", 2)) {
        Migrations.migrate(migrations);
      }
      DatabasePools pools =
          lifecycle.add(
              DatabasePools.open(config.db(), "api", config.dbPool(), config.dbReadRetry()));
      KafkaTimingPublisher publisher =
          lifecycle.add(
              KafkaTimingPublisher.create(
                  config.kafka().bootstrapServers(), Topics.REQUEST_TIMINGS, config.publisher()));
      ServingApi api =
          lifecycle.add(ServingApi.start(config, pools.database(), publisher, Clock.systemUTC()));
      System.err.printf("pitchey serve: listening on http://localhost:%d/api/health%n", api.port());
      lifecycle.awaitShutdown();
    }
    return 0;
  }
}
