package io.pitchey.aggregator;

import io.pitchey.config.DatabaseSettings;
import io.pitchey.devstack.DevStack;
import io.pitchey.devstack.DevStackExtension;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pipeline contract on the project's own Kafka and PostgreSQL: runs everywhere. */
@ExtendWith(DevStackExtension.class)
class StreamsAggregatorIntegrationTest extends AggregatorPipelineContract {
  private static DevStack stack;

  @BeforeAll
  static void stack(DevStack devStack) {
    stack = devStack;
  }

  @Override
  String bootstrapServers() {
    return stack.kafka().bootstrapServers();
  }

  @Override
  DatabaseSettings freshDatabase() {
    String database = stack.postgres().createUniqueDatabase("aggregator");
    return new DatabaseSettings(
        stack.postgres().jdbcUrl(database),
        stack.postgres().user(),
        stack.postgres().password(),
        Optional.empty());
  }
}
