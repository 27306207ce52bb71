package io.pitchey.cli;

import picocli.CommandLine.Option;

/** {@code --kafka-bootstrap} for the commands that talk to Kafka directly (backfill, tail). */
final class KafkaBootstrapOption {
  @Option(
      names = "--kafka-bootstrap",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:PITCHEY_KAFKA_BOOTSTRAP:-localhost:9092}",
      description = "Kafka bootstrap servers (default ${DEFAULT-VALUE}, PITCHEY_KAFKA_BOOTSTRAP)")
  String servers;
}
