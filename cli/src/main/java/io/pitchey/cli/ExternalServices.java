package io.pitchey.cli;

import io.pitchey.config.ConfigLayers;
import io.pitchey.config.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that run one component against external Kafka and PostgreSQL. Each
 * flag is a configuration key; {@code --set key=value} reaches every other key.
 */
final class ExternalServices {
  @Option(names = "--config", paramLabel = "FILE", description = "HOCON or properties file")
  @Nullable Path configFile;

  @Option(
      names = "--kafka-bootstrap",
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (PITCHEY_KAFKA_BOOTSTRAP)")
  @Nullable String kafkaBootstrap;

  @Option(
      names = "--db-url",
      paramLabel = "JDBC_URL",
      description = "jdbc:postgresql://... (PITCHEY_DB_URL)")
  @Nullable String dbUrl;

  @Option(names = "--db-user", description = "database user (PITCHEY_DB_USER)")
  @Nullable String dbUser;

  @Option(names = "--db-password", description = "database password (PITCHEY_DB_PASSWORD)")
  @Nullable String dbPassword;

  @Option(names = "--http-port", description = "HTTP port (PITCHEY_HTTP_PORT)")
  @Nullable Integer httpPort;

  @Option(names = "--region", description = "region of this instance (PITCHEY_REGION)")
  @Nullable String region;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "any other setting, e.g. --set aggregator.grace=10s")
  Map<String, String> extra = new HashMap<>();

  Settings settings(Map<String, ?> componentDefaults) {
    Map<String, String> flags = new HashMap<>(extra);
    put(flags, "kafka.bootstrap", kafkaBootstrap);
    put(flags, "db.url", dbUrl);
    put(flags, "db.user", dbUser);
    put(flags, "db.password", dbPassword);
    put(flags, "http.port", httpPort);
    put(flags, "region", region);
    return ConfigLayers.load(componentDefaults, configFile, System.getenv(), flags);
  }

  private static void put(Map<String, String> flags, String key, @Nullable Object value) {
    if (value != null) {
      flags.put(key, value.toString());
    }
  }
}
