package io.pitchey.aggregator;

import io.pitchey.config.DatabaseSettings;
import java.util.Optional;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The pipeline contract on containers: Apache Kafka and TimescaleDB, as docker-compose runs them.
 * Where no Docker engine runs, it is skipped; {@link StreamsAggregatorIntegrationTest} covers the
 * same contract on the project's own services.
 */
@Testcontainers(disabledWithoutDocker = true)
class StreamsAggregatorContainersTest extends AggregatorPipelineContract {
  @Container static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

  @Container
  static final PostgreSQLContainer POSTGRES =
      new PostgreSQLContainer(
          DockerImageName.parse("timescale/timescaledb:latest-pg17")
              .asCompatibleSubstituteFor("postgres"));

  @Override
  String bootstrapServers() {
    return KAFKA.getBootstrapServers();
  }

  @Override
  DatabaseSettings freshDatabase() {
    // One container per class and one test method: its database is fresh.
    return new DatabaseSettings(
        POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword(), Optional.empty());
  }
}
