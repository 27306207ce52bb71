package io.pitchey.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.aggregator.AggregatorConfig;
import io.pitchey.aggregator.StreamsAggregator;
import io.pitchey.api.ServeConfig;
import io.pitchey.api.ServingApi;
import io.pitchey.api.db.DatabasePools;
import io.pitchey.api.demo.DemoData;
import io.pitchey.api.demo.SeedReport;
import io.pitchey.config.ConfigLayers;
import io.pitchey.config.DatabaseSettings;
import io.pitchey.devstack.DevStack;
import io.pitchey.ingest.publish.KafkaTimingPublisher;
import io.pitchey.ingest.topic.Topics;
import io.pitchey.jobs.JobsConfig;
import io.pitchey.jobs.ReportingScheduler;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.Migrations;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The demo's components wired on a {@link DevStack}: database pool and migrations, seed data, the
 * aggregator, the timing publisher, the API and the scheduler. Every part is registered with the
 * {@link Lifecycle}, so they stop in reverse order whatever happens.
 */
final class DemoSystem {
  private final DevStack stack;
  private final HikariDataSource db;
  private final DatabaseSettings dbSettings;
  private final ServingApi api;
  private final String token;
  private final List<Long> publicPitchIds;
  private final List<Long> userIds;
  private final Duration seedTime;
  private final ReportingScheduler scheduler;
  private final Duration provisionalInterval;

  private DemoSystem(
      DevStack stack,
      HikariDataSource db,
      DatabaseSettings dbSettings,
      ServingApi api,
      String token,
      SeedReport seeded,
      Duration seedTime,
      ReportingScheduler scheduler,
      Duration provisionalInterval) {
    this.stack = stack;
    this.db = db;
    this.dbSettings = dbSettings;
    this.api = api;
    this.token = token;
    this.publicPitchIds = seeded.publicPitchIds();
    this.userIds = seeded.userIds();
    this.seedTime = seedTime;
    this.scheduler = scheduler;
    this.provisionalInterval = provisionalInterval;
  }

  /**
   * Starts every component on the stack's services.
   *
   * @param settings extra settings for every component (e.g. shorter windows in tests)
   */
  static DemoSystem start(
      DevStack stack,
      int apiPort,
      int users,
      int pitches,
      Map<String, String> settings,
      Lifecycle lifecycle)
      throws Exception {
    DatabaseSettings dbSettings =
        new DatabaseSettings(
            stack.postgres().jdbcUrl(),
            stack.postgres().user(),
            stack.postgres().password(),
            Optional.empty());
    Path scratch = Files.createTempDirectory("pitchey-demo-");
    lifecycle.add(() -> deleteRecursively(scratch));
    Map<String, String> flags = new HashMap<>(settings);
    flags.put("kafka.bootstrap", stack.kafka().bootstrapServers());
    flags.put("db.url", dbSettings.url());
    flags.put("db.user", dbSettings.user());
    flags.put("db.password", dbSettings.password());
    flags.put("aggregator.state-dir", scratch.resolve("streams").toString());
    flags.put("cache.dir", scratch.resolve("cache").toString());
    flags.put("publisher.spill-dir", scratch.resolve("spill").toString());

    HikariDataSource db = lifecycle.add(DataSources.pooled(dbSettings, "demo", 24));
    Migrations.migrate(db);
    long seedStart = System.nanoTime();
    SeedReport seeded = DemoData.seed(db, users, pitches, 42L);
    Duration seedTime = Duration.ofNanos(System.nanoTime() - seedStart);
    String token = DemoData.createToken(db, seeded.userIds().get(0));

    AggregatorConfig aggregatorConfig =
        AggregatorConfig.from(ConfigLayers.load(AggregatorConfig.DEFAULTS, null, Map.of(), flags));
    lifecycle.add(StreamsAggregator.start(aggregatorConfig, db));

    Map<String, String> apiFlags = new HashMap<>(flags);
    apiFlags.put("http.port", Integer.toString(apiPort));
    // the demo's traffic is one caller with one token: a per-caller limit would throttle all of it
    apiFlags.putIfAbsent("ratelimit.enabled", "false");
    // the first page of each list and the trending pitches are what a visitor asks for first
    apiFlags.putIfAbsent(
        "cache.warm-paths", "/api/pitches,/api/pitches?sort=most-viewed,/api/live/trending");
    ServeConfig serveConfig =
        ServeConfig.from(ConfigLayers.load(ServeConfig.DEFAULTS, null, Map.of(), apiFlags));
    KafkaTimingPublisher publisher =
        lifecycle.add(
            KafkaTimingPublisher.create(
                stack.kafka().bootstrapServers(), Topics.REQUEST_TIMINGS, serveConfig.publisher()));
    // the API's own pools, with its statement and connection timeouts (the shared pool has none)
    DatabasePools apiPools =
        lifecycle.add(
            DatabasePools.open(
                serveConfig.db(), "api", serveConfig.dbPool(), serveConfig.dbReadRetry()));
    ServingApi api =
        lifecycle.add(
            ServingApi.start(serveConfig, apiPools.database(), publisher, Clock.systemUTC()));

    JobsConfig jobsConfig =
        JobsConfig.from(ConfigLayers.load(JobsConfig.DEFAULTS, null, Map.of(), flags));
    ReportingScheduler scheduler =
        lifecycle.add(ReportingScheduler.start(jobsConfig, db, Clock.systemUTC()));
    return new DemoSystem(
        stack,
        db,
        dbSettings,
        api,
        token,
        seeded,
        seedTime,
        scheduler,
        aggregatorConfig.windows().provisionalInterval());
  }

  URI apiBase() {
    return URI.create("http://localhost:" + api.port() + "/");
  }

  String kafkaBootstrap() {
    return stack.kafka().bootstrapServers();
  }

  ReportingScheduler scheduler() {
    return scheduler;
  }

  /** The pitches anyone may read, in the order they were seeded. */
  List<Long> publicPitchIds() {
    return publicPitchIds;
  }

  /** The demo users, in the order they were seeded. */
  List<Long> userIds() {
    return userIds;
  }

  String token() {
    return token;
  }

  DataSource database() {
    return db;
  }

  String banner() {
    String psql =
        String.format(
            "PGPASSWORD=%s psql -h localhost -p %d -U %s %s",
            dbSettings.password(),
            stack.postgres().port(),
            dbSettings.user(),
            stack.postgres().database());
    return String.join(
            System.lineSeparator(),
            "",
            "Pitchey demo is running. Ctrl-C stops everything.",
            String.format(
                "  Data          %d users, %d public pitches (seeded in %.1f s)",
                userIds.size(), publicPitchIds.size(), seedTime.toMillis() / 1000.0),
            "  API           " + apiBase() + "api/health",
            "                " + apiBase() + "api/pitches/1",
            "                " + apiBase() + "api/pitches?genre=drama&sort=most-viewed",
            "                " + apiBase() + "api/search?q=lighthouse%20keeper",
            "                " + apiBase() + "api/live/trending",
            "  Token         curl -H 'Authorization: Bearer " + token + "' " + apiBase() + "api/me",
            "  Kafka         "
                + stack.kafka().bootstrapServers()
                + "   (topics: "
                + Topics.REQUEST_TIMINGS.name()
                + ", "
                + Topics.ROUTE_WINDOWS
                + ")",
            "  PostgreSQL    " + psql,
            "  JDBC          " + dbSettings.url() + "   (user " + dbSettings.user() + ")",
            "  Try           select * from metrics.route_minute_stats order by window_start desc limit 20;",
            "")
        + System.lineSeparator();
  }

  /**
   * Reads the run's figures until the database has counted every answered request, or the timeout
   * passes (then the summary shows what arrived). Waits on the lifecycle, so Ctrl-C ends it.
   */
  List<RouteStats> awaitCounted(Instant since, long answered, Duration timeout, Lifecycle lifecycle)
      throws SQLException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    List<RouteStats> stats = RouteStats.since(db, since);
    while (total(stats) < answered
        && Instant.now().isBefore(deadline)
        && !lifecycle.awaitShutdown(provisionalInterval)) {
      stats = RouteStats.since(db, since);
    }
    return stats;
  }

  private static long total(List<RouteStats> stats) {
    return stats.stream().mapToLong(RouteStats::requests).sum();
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
