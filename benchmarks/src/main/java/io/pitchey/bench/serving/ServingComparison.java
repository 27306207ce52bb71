package io.pitchey.bench.serving;

import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.api.ServeConfig;
import io.pitchey.api.ServingApi;
import io.pitchey.api.demo.DemoData;
import io.pitchey.api.demo.SeedReport;
import io.pitchey.config.ConfigLayers;
import io.pitchey.devstack.DevStack;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.publish.KafkaTimingPublisher;
import io.pitchey.ingest.publish.PublisherStats;
import io.pitchey.ingest.publish.TimingPublisher;
import io.pitchey.ingest.topic.TopicSetup;
import io.pitchey.ingest.topic.Topics;
import io.pitchey.ingest.topic.TopicsConfig;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.Migrations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The serving benchmark: in one run, on one machine, a bare Javalin JSON endpoint (the baseline),
 * cached {@code GET /api/pitches/{id}} with timing publication on and off, uncached database reads
 * and full-text search, each at every connection count, driven by wrk. Figures are compared as
 * ratios measured side by side, since absolute numbers on a shared 2-core machine drift from run to
 * run.
 *
 * <p>Arguments: {@code [duration-seconds] [connections,...] [results-dir]}, default {@code 10
 * 100,1000 bench/results}. Needs {@code wrk} on the PATH and the repository's {@code
 * bench/wrk/paths.lua}.
 */
public final class ServingComparison {
  private static final int USERS = 10_000;
  private static final int PITCHES = 100_000;
  private static final int HOT_PITCHES = 1_000;
  private static final Duration WARM_UP = Duration.ofSeconds(3);

  private ServingComparison() {}

  public static void main(String[] args) throws Exception {
    Duration duration = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
    List<Integer> connections =
        (args.length > 1 ? List.of(args[1].split(",")) : List.of("100", "1000"))
            .stream().map(Integer::parseInt).toList();
    Path results = Path.of(args.length > 2 ? args[2] : "bench/results");
    Path work = Files.createTempDirectory("pitchey-bench-");
    Wrk wrk = new Wrk(Path.of("bench/wrk/paths.lua"), Runtime.getRuntime().availableProcessors());

    try (DevStack stack = DevStack.start();
        HikariDataSource db = DataSources.pooled(dbSettings(stack), "bench-seed", 8)) {
      Migrations.migrate(db);
      long seedStart = System.nanoTime();
      SeedReport seeded = DemoData.seed(db, USERS, PITCHES, 42L);
      System.out.printf(
          Locale.ROOT,
          "seeded %d users, %d public pitches in %.1f s%n",
          seeded.userIds().size(),
          seeded.publicPitchIds().size(),
          (System.nanoTime() - seedStart) / 1e9);
      try (Admin admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
        new TopicSetup(admin, Duration.ofSeconds(30))
            .ensure(
                List.of(
                    Topics.keepingOldRecords(
                        Topics.REQUEST_TIMINGS.name(), TopicsConfig.defaults())));
      }

      List<Long> ids = new ArrayList<>(seeded.publicPitchIds());
      Collections.shuffle(ids, new Random(7));
      List<String> words = frequentWords(db, 400);
      Map<String, Path> paths = writePaths(work, ids, words, connections.size());

      Map<String, WrkResult> figures = new LinkedHashMap<>();
      try (BareJsonServer bare = BareJsonServer.start();
          KafkaTimingPublisher kafka =
              KafkaTimingPublisher.create(
                  stack.kafka().bootstrapServers(),
                  Topics.REQUEST_TIMINGS,
                  config(stack, work, "on", 0).publisher());
          HikariDataSource onPool = DataSources.pooled(dbSettings(stack), "bench-on", 16);
          HikariDataSource offPool = DataSources.pooled(dbSettings(stack), "bench-off", 16);
          ServingApi on =
              ServingApi.start(config(stack, work, "on", 0), onPool, kafka, Clock.systemUTC());
          CountingPublisher nothing = new CountingPublisher();
          ServingApi off =
              ServingApi.start(
                  config(stack, work, "off", 0), offPool, nothing, Clock.systemUTC())) {
        String onUrl = "http://127.0.0.1:" + on.port();
        String offUrl = "http://127.0.0.1:" + off.port();
        warm(onUrl, paths.get("hot"));
        warm(offUrl, paths.get("hot"));
        for (int i = 0; i < connections.size(); i++) {
          int c = connections.get(i);
          figures.put(
              key("baseline", c), measured(wrk, bare.baseUrl(), paths.get("bare"), c, duration));
          figures.put(key("cached", c), measured(wrk, onUrl, paths.get("hot"), c, duration));
          figures.put(
              key("cached-publishing-off", c),
              measured(wrk, offUrl, paths.get("hot"), c, duration));
          figures.put(key("uncached-db", c), wrk.run(onUrl, paths.get("cold" + i), c, duration));
          figures.put(key("search", c), wrk.run(onUrl, paths.get("search" + i), c, duration));
        }
        System.out.printf(
            Locale.ROOT,
            "events published: %d of the publishing-on instance; publishing-off instance saw %d%n",
            kafka.stats().accepted(),
            nothing.count.sum());
      }
      Report report = new Report(figures, connections, duration, ids.size(), words.size());
      System.out.println(report.table());
      Files.createDirectories(results);
      Path file =
          results.resolve(
              "serving-"
                  + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm"))
                  + ".md");
      Files.writeString(file, report.markdown());
      System.out.println("results written to " + file);
    }
  }

  private static WrkResult measured(
      Wrk wrk, String url, Path paths, int connections, Duration duration)
      throws IOException, InterruptedException {
    wrk.run(url, paths, connections, WARM_UP); // JIT and connection set-up outside the figures
    return wrk.run(url, paths, connections, duration);
  }

  private static String key(String scenario, int connections) {
    return scenario + "@" + connections;
  }

  private static io.pitchey.config.DatabaseSettings dbSettings(DevStack stack) {
    return new io.pitchey.config.DatabaseSettings(
        stack.postgres().jdbcUrl(),
        stack.postgres().user(),
        stack.postgres().password(),
        java.util.Optional.empty());
  }

  private static ServeConfig config(DevStack stack, Path work, String name, int port) {
    Map<String, String> flags = new HashMap<>();
    flags.put("http.port", Integer.toString(port));
    flags.put("db.url", stack.postgres().jdbcUrl());
    flags.put("db.user", stack.postgres().user());
    flags.put("db.password", stack.postgres().password());
    flags.put("kafka.bootstrap", stack.kafka().bootstrapServers());
    flags.put("instance", "bench-" + name);
    flags.put("cache.dir", work.resolve("cache-" + name).toString());
    flags.put("publisher.spill-dir", work.resolve("spill-" + name).toString());
    // a local load test must never meet the rate limiter (contracts §8)
    flags.put("ratelimit.enabled", "false");
    return ServeConfig.from(ConfigLayers.load(ServeConfig.DEFAULTS, null, Map.of(), flags));
  }

  /** Words that occur in many pitches, so search queries built from them find something. */
  private static List<String> frequentWords(HikariDataSource db, int limit) throws Exception {
    List<String> words = new ArrayList<>();
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "select word from ts_stat('select search_vector from app.pitches') "
                    + "where length(word) > 3 order by ndoc desc limit "
                    + limit)) {
      while (rows.next()) {
        words.add(rows.getString(1));
      }
    }
    return words;
  }

  /**
   * The request paths of each scenario. Hot: the same 1,000 pitches over and over, warmed first.
   * Cold and search: distinct requests in each run (disjoint sets per connection count), so each is
   * a cache miss until the set wraps around.
   */
  private static Map<String, Path> writePaths(
      Path work, List<Long> ids, List<String> words, int runs) throws IOException {
    Map<String, Path> files = new HashMap<>();
    files.put("bare", write(work, "bare", List.of(BareJsonServer.PATH)));
    files.put(
        "hot",
        write(
            work,
            "hot",
            ids.subList(HOT_PITCHES, 2 * HOT_PITCHES).stream()
                .map(ServingComparison::pitchPath)
                .toList()));
    List<Long> cold = ids.subList(2 * HOT_PITCHES, ids.size());
    int share = cold.size() / runs;
    List<String> queries = new ArrayList<>();
    for (String a : words) {
      for (String b : words) {
        if (!a.equals(b)) {
          queries.add("/api/search?q=" + a + "+" + b);
        }
      }
    }
    Collections.shuffle(queries, new Random(11));
    int queryShare = queries.size() / runs;
    for (int i = 0; i < runs; i++) {
      files.put(
          "cold" + i,
          write(
              work,
              "cold" + i,
              cold.subList(i * share, (i + 1) * share).stream()
                  .map(ServingComparison::pitchPath)
                  .toList()));
      files.put(
          "search" + i,
          write(work, "search" + i, queries.subList(i * queryShare, (i + 1) * queryShare)));
    }
    return files;
  }

  private static String pitchPath(long id) {
    return "/api/pitches/" + id;
  }

  private static Path write(Path work, String name, List<String> lines) throws IOException {
    Path file = work.resolve(name + ".paths");
    Wrk.writeLines(file, lines);
    return file;
  }

  /** Requests every path once, so the hot set is cached before it is measured. */
  private static void warm(String baseUrl, Path paths) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      for (String path : Files.readAllLines(paths)) {
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
            HttpResponse.BodyHandlers.discarding());
      }
    }
  }

  /** Publication switched off: events are counted, so the work up to the hand-off stays. */
  private static final class CountingPublisher implements TimingPublisher {
    final LongAdder count = new LongAdder();

    @Override
    public void publish(TimingEvent event) {
      count.increment();
    }

    @Override
    public PublisherStats stats() {
      long n = count.sum();
      return new PublisherStats(n, n, 0, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public void close() {}
  }
}
