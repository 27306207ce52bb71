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
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.EventKey;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.topic.Topics;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.Migrations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two aggregator instances of one application on the real broker and database: the group splits the
 * timing topic's partitions between them, and neither a member joining (with empty or with stale
 * local state) nor one leaving while events flow loses or doubles a single event in PostgreSQL.
 */
@ExtendWith(DevStackExtension.class)
class AggregatorScaleOutTest {
  private static final Logger log = LoggerFactory.getLogger(AggregatorScaleOutTest.class);

  private static final WindowSettings FAST =
      new WindowSettings(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(300));
  private static final int PARTITIONS = TestTuning.TOPICS.partitions();
  private static final int KEYS_PER_PARTITION = 3;
  private static final int EVENTS = 100_000;
  private static final int EVENTS_PER_RECORD = 100;
  private static final int RECORDS = EVENTS / EVENTS_PER_RECORD;

  /**
   * Parts of the production, each released by a step: the first instance alone; the second joining;
   * both at work; the first leaving; the first returning; both at work again. So a segment of
   * events flows during each rebalance and after each split, however slow the machine.
   */
  private static final int SEGMENTS = 6;

  /** One record every 20 ms, 5,000 events a second: the production spans the whole test. */
  private static final Duration RECORD_INTERVAL = Duration.ofMillis(20);

  private static final Duration STEP = Duration.ofSeconds(30);

  @TempDir Path dir;
  private HikariDataSource db;
  private DatabaseSettings dbSettings;
  private String bootstrap;
  private String run;
  private String service;
  private ServiceRows rows;
  private final List<StreamsAggregator> running = new ArrayList<>();
  private PacedProduction production;

  @BeforeEach
  void start(DevStack stack) throws Exception {
    String database = stack.postgres().createUniqueDatabase("scaleout");
    dbSettings =
        new DatabaseSettings(
            stack.postgres().jdbcUrl(database),
            stack.postgres().user(),
            stack.postgres().password(),
            Optional.empty());
    db = DataSources.pooled(dbSettings, "test", 6);
    Migrations.migrate(db);
    run = UUID.randomUUID().toString().substring(0, 8);
    service = "scale-" + run;
    rows = new ServiceRows(db, service);
    bootstrap = stack.kafka().bootstrapServers();
    SharedTopics.startAtCurrentEnd(bootstrap, "agg-" + run, "sink-" + run, db);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (production != null) {
      production.stop();
    }
    running.reversed().forEach(StreamsAggregator::close);
    db.close();
  }

  @Test
  void two_instances_split_the_partitions_and_rebalances_lose_and_double_nothing()
      throws Exception {
    Map<Integer, List<EventKey>> keysByPartition = keysCoveringEveryPartition();
    StreamsAggregator first = startInstance("first");
    assertThat(livePartitions(first))
        .as("alone, the first instance has every partition")
        .hasSize(PARTITIONS);
    List<EventKey> keys = keysByPartition.values().stream().flatMap(List::stream).toList();
    production =
        PacedProduction.oneEvery(RECORD_INTERVAL, RECORDS, r -> record(keys, r))
            .inSegments(SEGMENTS)
            .start(bootstrap);

    // Step 1: the first instance alone turns events into final rows.
    await().atMost(STEP).until(() -> rows.requests() > 0);

    // Step 2: a second instance joins while events flow; the group splits the partitions and
    // each instance writes its share.
    production.releaseNextSegment();
    StreamsAggregator second = startInstance("second");
    awaitBothAtWork(first, second, keysByPartition);

    // Step 3: the first instance leaves cleanly while events flow; the second takes over its
    // tasks (Streams does not leave the group on close: that takes the session timeout).
    production.releaseNextSegment();
    first.close();
    running.remove(first);
    Instant left = Instant.now();
    await()
        .atMost(STEP)
        .untilAsserted(() -> assertThat(livePartitions(second)).hasSize(PARTITIONS));
    log.info("second took every partition {} ms after the first closed", millisSince(left));

    // Step 4: the first comes back on its old state directory, whose stores are behind the
    // changelogs the second has written since; the partitions split again.
    production.releaseNextSegment();
    StreamsAggregator again = startInstance("first");
    awaitBothAtWork(again, second, keysByPartition);

    PacedProduction.Totals produced = production.awaitDone(STEP);
    assertThat(production.failures()).as("send failures").isEmpty();
    assertThat(produced.records()).as("records the broker acknowledged").isEqualTo(RECORDS);

    // Every window closes (the live table empties) and the finals add up to what was produced.
    await()
        .atMost(STEP)
        .untilAsserted(
            () -> {
              assertThat(rows.liveRows()).as("provisional rows left").isZero();
              assertThat(rows.requests())
                  .as("requests in final and correction rows")
                  .isEqualTo(EVENTS);
            });
    // ... and stay so: nothing arrives late to double them.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(rows.requests()).isEqualTo(EVENTS);
              assertThat(rows.liveRows()).isZero();
            });
    assertThat(rows.sum("cache_miss")).isEqualTo(produced.cacheMisses());
    assertThat(rows.sum("status_5xx")).isEqualTo(produced.serverErrors());
    assertThat(rows.sum("(latency).count")).as("latency sketch counts").isEqualTo(EVENTS);
    assertThat(rows.windowsWithTwoFinalRows())
        .as("windows and keys with more than one final row")
        .isZero();
    assertThat(again.isHealthy()).as("streams and sink of the returned instance").isTrue();
    assertThat(second.isHealthy()).as("streams and sink of the second instance").isTrue();
    log.info(
        "{} events in {} final rows and {} correction rows ({} requests in corrections)",
        EVENTS,
        rows.count("not is_correction"),
        rows.count("is_correction"),
        rows.requests("is_correction"));
  }

  private StreamsAggregator startInstance(String name) throws InterruptedException {
    StreamsAggregator instance =
        StreamsAggregator.start(
            new AggregatorConfig(
                new KafkaSettings(bootstrap),
                dbSettings,
                FAST,
                "agg-" + run,
                "sink-" + run,
                dir.resolve(name),
                TestTuning.TOPICS,
                TestTuning.FAST,
                0),
            db);
    running.add(instance);
    return instance;
  }

  /**
   * Waits until the group has split the live partitions between the two instances, lets the next
   * segment of events flow, and waits until each instance's keys reach the database in final rows
   * of windows that opened after the split: those can only come from the instance that owns the
   * key's partition since then.
   */
  private void awaitBothAtWork(
      StreamsAggregator a, StreamsAggregator b, Map<Integer, List<EventKey>> keysByPartition) {
    AtomicReference<Set<Integer>> aShare = new AtomicReference<>();
    AtomicReference<Set<Integer>> bShare = new AtomicReference<>();
    await()
        .atMost(STEP)
        .untilAsserted(
            () -> {
              Set<Integer> onA = livePartitions(a);
              Set<Integer> onB = livePartitions(b);
              assertThat(onB).isNotEmpty();
              assertThat(onA).isNotEmpty().doesNotContainAnyElementsOf(onB);
              assertThat(union(onA, onB)).hasSize(PARTITIONS);
              aShare.set(onA);
              bShare.set(onB);
            });
    Instant split = Instant.now();
    log.info("partitions split {} / {}", aShare.get(), bShare.get());
    production.releaseNextSegment();
    await()
        .atMost(STEP)
        .untilAsserted(
            () -> {
              assertThat(livePartitions(a)).isEqualTo(aShare.get());
              assertThat(livePartitions(b)).isEqualTo(bShare.get());
              assertThat(rows.requestsSince(split, instancesOn(aShare.get(), keysByPartition)))
                  .as("final requests since the split of keys on " + aShare.get())
                  .isPositive();
              assertThat(rows.requestsSince(split, instancesOn(bShare.get(), keysByPartition)))
                  .as("final requests since the split of keys on " + bShare.get())
                  .isPositive();
            });
    assertThat(a.isHealthy()).isTrue();
    assertThat(b.isHealthy()).isTrue();
  }

  /** Partitions of the live timing topic among the instance's active tasks. */
  private static Set<Integer> livePartitions(StreamsAggregator instance) {
    Set<Integer> partitions = new TreeSet<>();
    for (TopicPartition partition : instance.activePartitions()) {
      if (partition.topic().equals(Topics.REQUEST_TIMINGS.name())) {
        partitions.add(partition.partition());
      }
    }
    return partitions;
  }

  private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
    Set<Integer> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * Keys of this test's service, {@link #KEYS_PER_PARTITION} on every partition, found with the
   * producer's own key hash (murmur2 of the serialised key).
   */
  private Map<Integer, List<EventKey>> keysCoveringEveryPartition() {
    Map<Integer, List<EventKey>> byPartition = new TreeMap<>();
    int found = 0;
    for (int i = 0; found < PARTITIONS * KEYS_PER_PARTITION; i++) {
      EventKey key = new EventKey(service, "local", "i-" + i, "GET", "/api/pitches/{id}");
      List<EventKey> keys = byPartition.computeIfAbsent(partitionOf(key), p -> new ArrayList<>());
      if (keys.size() < KEYS_PER_PARTITION) {
        keys.add(key);
        found++;
      }
    }
    return byPartition;
  }

  private static int partitionOf(EventKey key) {
    byte[] bytes = key.toString().getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(bytes)) % PARTITIONS;
  }

  private static List<String> instancesOn(
      Collection<Integer> partitions, Map<Integer, List<EventKey>> keysByPartition) {
    return partitions.stream()
        .flatMap(p -> keysByPartition.get(p).stream())
        .map(EventKey::instance)
        .toList();
  }

  private static long millisSince(Instant start) {
    return Duration.between(start, Instant.now()).toMillis();
  }

  /**
   * Record {@code r}: {@link #EVENTS_PER_RECORD} events of the next key in turn, stamped with the
   * current time; a tenth of them cache misses, one in 97 a 503.
   */
  private static ProducerRecord<String, List<TimingEvent>> record(List<EventKey> keys, int r) {
    EventKey key = keys.get(r % keys.size());
    long nowUs = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
    List<TimingEvent> events = new ArrayList<>(EVENTS_PER_RECORD);
    for (int i = 0; i < EVENTS_PER_RECORD; i++) {
      events.add(event(key, nowUs + i, r * EVENTS_PER_RECORD + i));
    }
    return new ProducerRecord<>(Topics.REQUEST_TIMINGS.name(), key.toString(), events);
  }

  private static TimingEvent event(EventKey key, long tsUs, int n) {
    boolean miss = n % 10 == 0;
    boolean failed = n % 97 == 0;
    return timingEvent()
        .key(key)
        .tsUs(tsUs)
        .status(failed ? 503 : 200)
        .errorType(failed ? "db-timeout" : null)
        .durationUs(1_000 + (n % 500) * 100L)
        .db(200, 1)
        .cache(miss ? CacheStatus.MISS : CacheStatus.HIT)
        .bytes(512)
        .build();
  }
}
