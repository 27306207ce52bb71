package io.pitchey.bench.aggregator;

import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.aggregator.AggregatorConfig;
import io.pitchey.aggregator.StreamsAggregator;
import io.pitchey.aggregator.StreamsTuning;
import io.pitchey.aggregator.topology.WindowSettings;
import io.pitchey.config.DatabaseSettings;
import io.pitchey.config.KafkaSettings;
import io.pitchey.devstack.DevStack;
import io.pitchey.ingest.topic.TopicsConfig;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The aggregator alone, from its start to the last final row in PostgreSQL: N events are produced
 * to {@code pitchey.request-timings.v1} first (batched records, realistic route mix and latencies,
 * event times in the past so windows close on stream time), then the aggregator is started and the
 * clock runs until the database counts every event in final rows. Afterwards: percentiles from the
 * database against the exact order statistics of the same events, and the serialized state per
 * window read from the windows store's changelog.
 *
 * <pre>
 * bench/aggregator.sh [events] [batch] [partitions] [stream-threads]
 * </pre>
 */
public final class AggregatorBenchmark {
  private AggregatorBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchmarkPlan plan = BenchmarkPlan.fromArgs(args);
    System.out.println("plan: " + plan);
    try (DevStack stack = DevStack.start()) {
      String database = stack.postgres().createUniqueDatabase("aggbench");
      DatabaseSettings dbSettings =
          new DatabaseSettings(
              stack.postgres().jdbcUrl(database),
              stack.postgres().user(),
              stack.postgres().password(),
              Optional.empty());
      try (HikariDataSource db = DataSources.pooled(dbSettings, "bench", 4)) {
        Migrations.migrate(db);
        String bootstrap = stack.kafka().bootstrapServers();
        TopicsConfig topics = TopicsConfig.of(plan.partitions(), (short) 1);
        EventLoad load = EventLoad.produce(bootstrap, topics, plan);
        System.out.printf(
            "produced %,d events in %,d records (%.0f bytes of JSON per event) in %.1f s%n",
            load.events(), load.records(), load.averageEventBytes(), load.seconds());

        Path stateDir = Files.createTempDirectory("pitchey-aggbench-state-");
        AggregatorConfig config =
            new AggregatorConfig(
                new KafkaSettings(bootstrap),
                dbSettings,
                plan.windows(),
                "aggbench",
                "aggbench-sink",
                stateDir,
                topics,
                new StreamsTuning(
                    plan.streamThreads(), Duration.ofSeconds(10), Duration.ofMillis(100)),
                0);
        RunTimer timer = new RunTimer(db, load.events());
        long started = System.nanoTime();
        try (StreamsAggregator aggregator = StreamsAggregator.start(config, db)) {
          timer.running(System.nanoTime() - started);
          timer.awaitAllCounted(started, Duration.ofMinutes(15));
        }
        BenchmarkReport report =
            new BenchmarkReport(
                plan,
                load,
                timer,
                Accuracy.measure(db, load),
                StateSizes.read(bootstrap, "aggbench"));
        System.out.println(report.markdown());
        report.write(Path.of(plan.resultsDir()));
      }
    }
  }

  /** The benchmark's knobs: events, batch size, partitions and threads, windows. */
  record BenchmarkPlan(
      int events, int batch, int partitions, int streamThreads, String resultsDir) {
    /** One-minute windows as in production; a short grace keeps the wait after the last event. */
    WindowSettings windows() {
      return new WindowSettings(
          Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    static BenchmarkPlan fromArgs(String[] args) {
      return new BenchmarkPlan(
          arg(args, 0, 5_000_000),
          arg(args, 1, 100),
          arg(args, 2, 6),
          arg(args, 3, 2),
          args.length > 4 ? args[4] : "bench/results");
    }

    private static int arg(String[] args, int i, int fallback) {
      return args.length > i ? Integer.parseInt(args[i].replace("_", "")) : fallback;
    }
  }
}
