package io.pitchey.config;

/** Where the Kafka cluster is. */
public record KafkaSettings(String bootstrapServers) {
  public KafkaSettings {
    if (bootstrapServers.isBlank() || !bootstrapServers.contains(":")) {
      throw new InvalidConfigException(
          "kafka.bootstrap", "expected host:port[,host:port], was '" + bootstrapServers + "'");
    }
  }

  public static KafkaSettings from(Settings settings) {
    String value = settings.string("kafka.bootstrap");
    if (!value.contains(":")) {
      throw settings.invalid(
          "kafka.bootstrap", "expected host:port[,host:port], was '" + value + "'");
    }
    return new KafkaSettings(value);
  }
}
