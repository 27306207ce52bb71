package io.pitchey.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.aggregator.AggregatorConfig;
import io.pitchey.aggregator.StreamsAggregator;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.Migrations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pitchey aggregate}: the streams-aggregator and its database sink. */
@Command(
    name = "aggregate",
    mixinStandardHelpOptions = true,
    description = "Run the streams-aggregator against external Kafka and PostgreSQL.")
final class AggregateCommand implements Callable<Integer> {
  @Mixin ExternalServices services;

  @Override
  public Integer call() throws Exception {
    AggregatorConfig config = AggregatorConfig.from(services.settings(AggregatorConfig.DEFAULTS));
    try (Lifecycle lifecycle = new Lifecycle()) {
      HikariDataSource db = lifecycle.add(DataSources.pooled(config.db(), "sink", 4));
      Migrations.migrate(db);
      lifecycle.add(StreamsAggregator.start(config, db));
      lifecycle.awaitShutdown();
    }
    return 0;
  }
}
