package io.pitchey.aggregator;

import static io.pitchey.aggregator.TimingEventBuilder.timingEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.aggregator.topology.WindowSettings;
import io.pitchey.config.DatabaseSettings;
import io.pitchey.config.KafkaSettings;
import io.pitchey.devstack.DevStack;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.ingest.backfill.BackfillJob;
import io.pitchey.ingest.backfill.InputFormat;
import io.pitchey.ingest.backfill.KafkaBatchSink;
import io.pitchey.ingest.backfill.NdjsonParser;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.event.TimingEventJson;
import io.pitchey.ingest.topic.Topics;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.Migrations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A backfill on the real broker and database lands as correction rows, one per key and window. */
@ExtendWith(DevStackExtension.class)
class BackfillCorrectionsIntegrationTest {
  private static final WindowSettings FAST =
      new WindowSettings(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(300));

  @TempDir Path dir;
  private HikariDataSource db;
  private StreamsAggregator aggregator;
  private String service;

  @BeforeEach
  void start(DevStack stack) throws Exception {
    String database = stack.postgres().createUniqueDatabase("backfill");
    DatabaseSettings dbSettings =
        new DatabaseSettings(
            stack.postgres().jdbcUrl(database),
            stack.postgres().user(),
            stack.postgres().password(),
            Optional.empty());
    db = DataSources.pooled(dbSettings, "test", 4);
    Migrations.migrate(db);
    String run = UUID.randomUUID().toString().substring(0, 8);
    service = "bf-" + run;
    String bootstrap = stack.kafka().bootstrapServers();
    SharedTopics.startAtCurrentEnd(bootstrap, "agg-" + run, "sink-" + run, db);
    // StreamsAggregator.start creates the backfill topic with the other pipeline topics.
    aggregator =
        StreamsAggregator.start(
            new AggregatorConfig(
                new KafkaSettings(bootstrap),
                dbSettings,
                FAST,
                "agg-" + run,
                "sink-" + run,
                dir.resolve("state"),
                TestTuning.TOPICS,
                TestTuning.FAST,
                0),
            db);
  }

  @AfterEach
  void stop() {
    aggregator.close();
    db.close();
  }

  @Test
  void backfilled_events_land_as_one_correction_row_per_key_and_window(DevStack stack)
      throws Exception {
    // A week ago: two windows of one key (3 + 2 events) and one window of another key, plus a
    // malformed line.
    Instant w = Instant.now().minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.MINUTES);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      lines.add(json(w.plusMillis(100 + i * 300L), "i-1", 1_000 + i));
    }
    lines.add("{broken");
    for (int i = 0; i < 2; i++) {
      lines.add(json(w.plusMillis(2_100 + i * 300L), "i-1", 5_000));
    }
    lines.add(json(w.plusMillis(200), "i-2", 7_000));
    Path file = Files.write(dir.resolve("history.ndjson"), lines, StandardCharsets.UTF_8);

    BackfillJob.FileResult result;
    try (KafkaBatchSink sink =
        new KafkaBatchSink(stack.kafka().bootstrapServers(), Topics.REQUEST_TIMINGS_BACKFILL)) {
      result =
          new BackfillJob(sink, BackfillJob.Options.defaults(dir.resolve("checkpoints")))
              .run(file, InputFormat.NDJSON, new NdjsonParser(), (b, e) -> {});
    }
    assertThat(result.published()).isEqualTo(6);
    assertThat(result.rejectedLines()).isEqualTo(1);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(scalar("sum(requests)")).isEqualTo(6));
    assertThat(scalar("count(*)")).as("one row per key and window").isEqualTo(3);
    assertThat(scalar("count(*) filter (where not is_correction)")).as("never a final").isZero();
    assertThat(
            scalar(
                "max(requests) filter (where instance = 'i-1' and window_start = '"
                    + w
                    + "'::timestamptz)"))
        .isEqualTo(3);
    try (Connection c = db.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select sum(requests) from metrics.route_minute_stats where route ="
                    + " '/api/pitches/{id}' and window_start = '"
                    + w
                    + "'::timestamptz")) {
      rs.next();
      assertThat(rs.getLong(1)).as("the views count correction rows").isEqualTo(4);
    }
  }

  private String json(Instant at, String instance, long durationUs) {
    TimingEvent e =
        timingEvent()
            .at(at)
            .service(service)
            .instance(instance)
            .durationUs(durationUs)
            .db(100, 1)
            .bytes(10)
            .build();
    return new String(TimingEventJson.write(e), StandardCharsets.UTF_8);
  }

  private long scalar(String expression) throws Exception {
    try (Connection c = db.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select coalesce("
                    + expression
                    + ", 0) from metrics.route_windows where service = '"
                    + service
                    + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
