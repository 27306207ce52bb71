package io.pitchey.aggregator;

import io.pitchey.aggregator.topology.WindowSettings;
import io.pitchey.config.DatabaseSettings;
import io.pitchey.config.KafkaSettings;
import io.pitchey.devstack.ChildJvm;
import io.pitchey.ingest.topic.TopicsConfig;
import io.pitchey.sql.DataSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The aggregator alone in a JVM, for tests that SIGKILL it ({@link ChildJvm}). It migrates nothing:
 * the test prepares the database. Prints {@value #READY} once Streams runs and the sink has
 * started, then runs until it is killed or stopped.
 *
 * <p>Everything comes from system properties (the database password from the environment), set by
 * {@link #jvm}.
 */
public final class AggregatorChild {
  static final String READY = "aggregator child ready";

  private static final String PREFIX = "aggregator-child.";
  private static final String PASSWORD_VARIABLE = "AGGREGATOR_CHILD_DB_PASSWORD";

  private AggregatorChild() {}

  public static void main(String[] args) throws Exception {
    DatabaseSettings db =
        new DatabaseSettings(
            property("db.url"),
            property("db.user"),
            System.getenv().getOrDefault(PASSWORD_VARIABLE, ""),
            Optional.empty());
    AggregatorConfig config =
        new AggregatorConfig(
            new KafkaSettings(property("bootstrap")),
            db,
            new WindowSettings(
                millis("window-size"), millis("grace"), millis("provisional-interval")),
            property("application-id"),
            property("sink-group"),
            Path.of(property("state-dir")),
            TopicsConfig.of(Integer.parseInt(property("partitions")), (short) 1),
            new StreamsTuning(
                Integer.parseInt(property("stream-threads")),
                millis("session-timeout"),
                millis("commit-interval")),
            0);
    DataSource dataSource = DataSources.pooled(db, "aggregator-child", 4);
    StreamsAggregator aggregator = StreamsAggregator.start(config, dataSource);
    Runtime.getRuntime().addShutdownHook(new Thread(aggregator::close, "aggregator-child-stop"));
    System.out.println(READY + " (pid " + ProcessHandle.current().pid() + ")");
    System.out.flush();
    Thread.currentThread().join(); // until killed or stopped
  }

  /** A child that runs {@code config}'s aggregator against {@code db}. */
  static ChildJvm.Builder jvm(AggregatorConfig config, DatabaseSettings db) {
    // Small and frugal: it shares a few cores with the broker, the database and the test.
    ChildJvm.Builder builder =
        ChildJvm.builder(AggregatorChild.class)
            .jvmArgs("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    List<String[]> properties = new ArrayList<>();
    properties.add(new String[] {"bootstrap", config.kafka().bootstrapServers()});
    properties.add(new String[] {"db.url", db.url()});
    properties.add(new String[] {"db.user", db.user()});
    properties.add(new String[] {"window-size", ms(config.windows().size())});
    properties.add(new String[] {"grace", ms(config.windows().grace())});
    properties.add(
        new String[] {"provisional-interval", ms(config.windows().provisionalInterval())});
    properties.add(new String[] {"application-id", config.applicationId()});
    properties.add(new String[] {"sink-group", config.sinkGroup()});
    properties.add(new String[] {"state-dir", config.stateDir().toAbsolutePath().toString()});
    properties.add(new String[] {"partitions", String.valueOf(config.topics().partitions())});
    properties.add(
        new String[] {"stream-threads", String.valueOf(config.tuning().streamThreads())});
    properties.add(new String[] {"session-timeout", ms(config.tuning().sessionTimeout())});
    properties.add(new String[] {"commit-interval", ms(config.tuning().commitInterval())});
    for (String[] p : properties) {
      builder.systemProperty(PREFIX + p[0], p[1]);
    }
    // not on the command line, where every process could read it
    builder.environment(PASSWORD_VARIABLE, db.password());
    // The test JVM's logging settings come from surefire, which the child does not inherit.
    builder
        .systemProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn")
        .systemProperty("org.slf4j.simpleLogger.log.io.pitchey", "info")
        .systemProperty("org.slf4j.simpleLogger.showDateTime", "true");
    return builder;
  }

  private static String ms(Duration d) {
    return String.valueOf(d.toMillis());
  }

  private static Duration millis(String key) {
    return Duration.ofMillis(Long.parseLong(property(key)));
  }

  private static String property(String key) {
    String value = System.getProperty(PREFIX + key);
    if (value == null) {
      throw new IllegalArgumentException("system property " + PREFIX + key + " is not set");
    }
    return value;
  }
}
