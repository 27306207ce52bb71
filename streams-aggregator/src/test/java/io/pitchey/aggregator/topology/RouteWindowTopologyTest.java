package io.pitchey.aggregator.topology;

import static io.pitchey.aggregator.TimingEventBuilder.timingEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pitchey.aggregator.TimingEventBuilder;
import io.pitchey.aggregator.window.ErrorTypes;
import io.pitchey.aggregator.window.Exemplar;
import io.pitchey.aggregator.window.RouteWindow;
import io.pitchey.aggregator.window.WindowCounters;
import io.pitchey.aggregator.window.WindowKind;
import io.pitchey.aggregator.window.WindowResult;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteWindowTopologyTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final WindowSettings SETTINGS =
      new WindowSettings(Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(5));
  private static final String KEY = "serving-api|local|i-1|GET /api/pitches/{id}";

  @TempDir Path stateDir;
  private TopologyFixture fixture;
  private TopologyTestDriver driver;
  private TestInputTopic<String, List<TimingEvent>> timings;
  private TestOutputTopic<String, WindowResult> windows;

  @BeforeEach
  void start() {
    fixture = new TopologyFixture(stateDir, SETTINGS, T0);
    driver = fixture.driver;
    timings = fixture.live;
    windows = fixture.windows;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void a_window_is_final_once_stream_time_passes_its_end_plus_grace() {
    send(T0.plusSeconds(1), 10_000, 200, CacheStatus.HIT);
    send(T0.plusSeconds(2), 30_000, 200, CacheStatus.MISS);
    send(T0.plusSeconds(59), 50_000, 503, CacheStatus.MISS);
    send(T0.plusSeconds(89), 1_000, 200, CacheStatus.HIT); // next window, not yet past 10:01:30

    assertThat(finals()).isEmpty();

    send(T0.plusSeconds(90), 1_000, 200, CacheStatus.HIT);

    List<WindowResult> finals = finals();
    assertThat(finals).hasSize(1);
    WindowResult result = finals.get(0);
    assertThat(result.windowStart()).isEqualTo(T0);
    assertThat(result.windowEnd()).isEqualTo(T0.plusSeconds(60));
    assertThat(result.key().toString()).isEqualTo(KEY);
    assertThat(result.window().counters().requests()).isEqualTo(3);
    assertThat(result.window().counters().status5xx()).isEqualTo(1);
    assertThat(result.window().counters().cacheHit()).isEqualTo(1);
    assertThat(result.window().counters().cacheMiss()).isEqualTo(2);
    assertThat(result.window().latency().count()).isEqualTo(3);
    assertThat(result.window().latency().max()).isEqualTo(50_000);
  }

  @Test
  void an_event_after_the_window_closed_becomes_a_correction() {
    send(T0.plusSeconds(1), 10_000, 200, CacheStatus.HIT);
    send(T0.plusSeconds(95), 10_000, 200, CacheStatus.HIT);
    send(T0.plusSeconds(30), 20_000, 200, CacheStatus.MISS); // 65 s late
    driver.advanceWallClockTime(SETTINGS.provisionalInterval());

    List<WindowResult> results = closedWindows();
    assertThat(results)
        .extracting(WindowResult::kind)
        .containsExactly(WindowKind.FINAL, WindowKind.CORRECTION);
    WindowResult correction = results.get(1);
    assertThat(correction.windowStart()).isEqualTo(T0);
    assertThat(correction.window().counters().requests()).isEqualTo(1);
    assertThat(correction.window().latency().max()).isEqualTo(20_000);
  }

  @Test
  void open_windows_publish_provisional_values_on_wall_clock_time() {
    send(T0.plusSeconds(1), 10_000, 200, CacheStatus.HIT);
    send(T0.plusSeconds(2), 12_000, 200, CacheStatus.HIT);

    driver.advanceWallClockTime(SETTINGS.provisionalInterval());

    List<WindowResult> results = windows.readValuesToList();
    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.kind()).isEqualTo(WindowKind.PROVISIONAL);
              assertThat(r.window().counters().requests()).isEqualTo(2);
            });

    driver.advanceWallClockTime(SETTINGS.provisionalInterval());
    assertThat(windows.isEmpty()).as("an unchanged window is not republished").isTrue();
  }

  @Test
  void a_quiet_routes_window_closes_on_wall_clock_time() {
    // The test driver's wall clock starts at T0; the event is live traffic.
    send(T0.plusSeconds(1), 10_000, 200, CacheStatus.HIT);

    driver.advanceWallClockTime(Duration.ofSeconds(95));

    assertThat(finals()).singleElement().satisfies(r -> assertThat(r.windowStart()).isEqualTo(T0));
  }

  @Test
  void a_task_behind_its_partitions_end_closes_nothing_on_the_wall_clock_until_it_catches_up() {
    SettableInputPositions positions = new SettableInputPositions();
    TopicPartition partition = new TopicPartition(Topics.REQUEST_TIMINGS.name(), 0);
    try (TopologyFixture behind =
        new TopologyFixture(stateDir.resolve("behind"), SETTINGS, T0, positions)) {
      behind.live.pipeInput(
          KEY, List.of(event(T0.plusSeconds(1), 10_000, 200, CacheStatus.HIT)), T0.plusSeconds(1));
      positions.end(partition, 40); // a backlog after a restart: 39 records not yet processed

      behind.driver.advanceWallClockTime(Duration.ofSeconds(95));
      assertThat(behind.windows.readValuesToList())
          .extracting(WindowResult::kind)
          .doesNotContain(WindowKind.FINAL);

      positions.end(partition, 1); // everything there is has been processed
      behind.driver.advanceWallClockTime(SETTINGS.provisionalInterval());
      assertThat(behind.windows.readValuesToList())
          .extracting(WindowResult::kind)
          .containsExactly(WindowKind.FINAL);
    }
  }

  @Test
  void a_task_is_caught_up_once_its_group_has_committed_up_to_the_partitions_end() {
    SettableInputPositions positions = new SettableInputPositions();
    TopicPartition partition = new TopicPartition(Topics.REQUEST_TIMINGS.name(), 0);
    try (TopologyFixture quiet =
        new TopologyFixture(stateDir.resolve("quiet"), SETTINGS, T0, positions)) {
      quiet.live.pipeInput(
          KEY, List.of(event(T0.plusSeconds(1), 10_000, 200, CacheStatus.HIT)), T0.plusSeconds(1));
      positions.end(partition, 7);
      positions.committed(partition, 7);

      quiet.driver.advanceWallClockTime(Duration.ofSeconds(95));

      assertThat(quiet.windows.readValuesToList())
          .extracting(WindowResult::kind)
          .contains(WindowKind.FINAL);
    }
  }

  @Test
  void a_backfill_of_old_events_is_not_closed_by_the_wall_clock_while_it_streams() {
    Instant lastWeek = T0.minus(Duration.ofDays(7));
    send(lastWeek.plusSeconds(1), 10_000, 200, CacheStatus.HIT);
    driver.advanceWallClockTime(Duration.ofSeconds(5));
    send(lastWeek.plusSeconds(2), 10_000, 200, CacheStatus.HIT);

    assertThat(finals()).isEmpty();

    send(lastWeek.plusSeconds(91), 10_000, 200, CacheStatus.HIT);
    assertThat(finals())
        .singleElement()
        .satisfies(r -> assertThat(r.window().counters().requests()).isEqualTo(2));
  }

  @Test
  void an_event_from_a_clock_far_ahead_moves_time_by_the_allowed_skew_at_most() {
    send(T0.plus(Duration.ofHours(2)), 10_000, 200, CacheStatus.HIT);
    // Ten minutes ahead of the (test driver's) clock: far enough to be closed had time jumped to +2
    // h.
    send(T0.plus(Duration.ofMinutes(10)), 10_000, 200, CacheStatus.HIT);

    assertThat(windows.readValuesToList())
        .extracting(WindowResult::kind)
        .as("the +10 min event is added to its open window, not corrected")
        .doesNotContain(WindowKind.CORRECTION);
  }

  @Test
  void a_batch_record_counts_every_event_in_it() {
    timings.pipeInput(
        KEY,
        List.of(
            event(T0.plusSeconds(1), 1_000, 200, CacheStatus.HIT),
            event(T0.plusSeconds(2), 2_000, 404, CacheStatus.MISS)),
        T0.plusSeconds(2));
    send(T0.plusSeconds(91), 1_000, 200, CacheStatus.HIT);

    assertThat(finals())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.window().counters().requests()).isEqualTo(2);
              assertThat(r.window().counters().status4xx()).isEqualTo(1);
            });
  }

  @Test
  void a_batch_that_mixes_keys_counts_each_event_under_its_own_key() {
    TimingEvent own = event(T0.plusSeconds(1), 1_000, 200, CacheStatus.HIT);
    TimingEvent other = onInstance(event(T0.plusSeconds(2), 2_000, 200, CacheStatus.HIT), "i-2");
    timings.pipeInput(KEY, List.of(own, other, own), T0.plusSeconds(2));
    send(T0.plusSeconds(91), 1_000, 200, CacheStatus.HIT);

    assertThat(finals())
        .extracting(r -> r.key().toString(), r -> r.window().counters().requests())
        .containsExactlyInAnyOrder(tuple(KEY, 2L), tuple(KEY.replace("|i-1|", "|i-2|"), 1L));
  }

  private static TimingEvent onInstance(TimingEvent e, String instance) {
    return TimingEventBuilder.from(e).instance(instance).build();
  }

  @Test
  void a_window_counts_requests_at_each_latency_threshold_exactly() {
    for (long durationUs :
        new long[] {50_000, 50_001, 100_000, 200_000, 400_000, 500_000, 500_001}) {
      send(T0.plusSeconds(1), durationUs, 200, CacheStatus.HIT);
    }
    send(T0.plusSeconds(91), 1_000, 200, CacheStatus.HIT);

    assertThat(finals())
        .singleElement()
        .satisfies(
            r -> {
              WindowCounters c = r.window().counters();
              assertThat(c.requests()).isEqualTo(7);
              assertThat(c.within50ms()).isEqualTo(1);
              assertThat(c.fastRequests()).isEqualTo(3);
              assertThat(c.within200ms()).isEqualTo(4);
              assertThat(c.toleratedRequests()).isEqualTo(5);
              assertThat(c.within500ms()).isEqualTo(6);
            });
  }

  @Test
  void failures_are_counted_by_error_type_and_successes_are_not() {
    timings.pipeInput(
        KEY,
        List.of(
            event(T0.plusSeconds(1), 1_000, 404, "r-1", "not-found"),
            event(T0.plusSeconds(2), 1_000, 404, "r-2", "not-found"),
            event(T0.plusSeconds(3), 1_000, 503, "r-3", "db-timeout"),
            event(T0.plusSeconds(4), 1_000, 500, "r-4", null),
            event(T0.plusSeconds(5), 1_000, 200, "r-5", null)),
        T0.plusSeconds(5));
    send(T0.plusSeconds(91), 1_000, 200, CacheStatus.HIT);

    assertThat(finals())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.window().errorTypes().counts())
                    .containsExactlyInAnyOrderEntriesOf(
                        Map.of("not-found", 2L, "db-timeout", 1L, ErrorTypes.UNSPECIFIED, 1L)));
  }

  @Test
  void a_window_keeps_the_most_frequent_error_types_and_counts_the_rest_as_other() {
    List<TimingEvent> failures = new ArrayList<>();
    for (int type = 0; type < ErrorTypes.MAX_TYPES + 5; type++) {
      // type-00 fails 3 times, type-01 twice, the rest once each
      for (int n = 0; n < Math.max(1, 3 - type); n++) {
        failures.add(event(T0.plusSeconds(1), 1_000, 500, "r-" + type + "-" + n, type(type)));
      }
    }
    timings.pipeInput(KEY, failures, T0.plusSeconds(1));
    send(T0.plusSeconds(91), 1_000, 200, CacheStatus.HIT);

    Map<String, Long> counts = finals().get(0).window().errorTypes().counts();
    assertThat(counts).hasSize(ErrorTypes.MAX_TYPES + 1);
    assertThat(counts).containsEntry(type(0), 3L).containsEntry(type(1), 2L);
    // 23 types of one failure each compete for 18 places; ties go by name, the last 5 are other
    assertThat(counts).containsEntry(type(19), 1L).doesNotContainKey(type(20));
    assertThat(counts).containsEntry(ErrorTypes.OTHER, 5L);
    assertThat(counts.values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(failures.size());
  }

  @Test
  void exemplars_are_the_five_slowest_requests_slowest_first_and_ties_by_request_id() {
    timings.pipeInput(
        KEY,
        List.of(
            event(T0.plusSeconds(1), 10_000, 200, "r-a", null),
            event(T0.plusSeconds(1), 90_000, 200, "r-b", null),
            event(T0.plusSeconds(1), 30_000, 200, "r-d", null),
            event(T0.plusSeconds(1), 30_000, 200, "r-c", null),
            event(T0.plusSeconds(1), 70_000, 500, "r-e", "db-timeout"),
            event(T0.plusSeconds(1), 20_000, 200, "r-f", null),
            event(T0.plusSeconds(1), 5_000, 200, "r-g", null)),
        T0.plusSeconds(1));
    send(T0.plusSeconds(91), 1_000, 200, CacheStatus.HIT);

    assertThat(finals().get(0).window().exemplars().slowest())
        .containsExactly(
            new Exemplar("r-b", 90_000),
            new Exemplar("r-e", 70_000),
            new Exemplar("r-c", 30_000),
            new Exemplar("r-d", 30_000),
            new Exemplar("r-f", 20_000));
  }

  @Test
  void a_correction_carries_its_own_errors_and_exemplars_and_merges_with_the_final_window() {
    timings.pipeInput(
        KEY,
        List.of(
            event(T0.plusSeconds(1), 10_000, 200, "r-1", null),
            event(T0.plusSeconds(2), 40_000, 404, "r-2", "not-found"),
            event(T0.plusSeconds(3), 30_000, 200, "r-3", null),
            event(T0.plusSeconds(4), 20_000, 200, "r-4", null),
            event(T0.plusSeconds(5), 50_000, 200, "r-5", null)),
        T0.plusSeconds(5));
    send(T0.plusSeconds(95), 1_000, 200, CacheStatus.HIT);
    timings.pipeInput(
        KEY,
        List.of(
            event(T0.plusSeconds(30), 600_000, 503, "r-late-1", "db-timeout"),
            event(T0.plusSeconds(31), 15_000, 404, "r-late-2", "not-found")),
        T0.plusSeconds(31));
    driver.advanceWallClockTime(SETTINGS.provisionalInterval());

    List<WindowResult> results = closedWindows();
    assertThat(results)
        .extracting(WindowResult::kind)
        .containsExactly(WindowKind.FINAL, WindowKind.CORRECTION);
    RouteWindow correction = results.get(1).window();
    assertThat(correction.counters().within500ms()).isEqualTo(1);
    assertThat(correction.errorTypes().counts())
        .containsExactlyInAnyOrderEntriesOf(Map.of("db-timeout", 1L, "not-found", 1L));
    assertThat(correction.exemplars().slowest())
        .containsExactly(new Exemplar("r-late-1", 600_000), new Exemplar("r-late-2", 15_000));

    RouteWindow merged = results.get(0).window().plus(correction);
    assertThat(merged.counters().requests()).isEqualTo(7);
    assertThat(merged.counters().within50ms()).isEqualTo(6);
    assertThat(merged.errorTypes().counts())
        .containsExactlyInAnyOrderEntriesOf(Map.of("db-timeout", 1L, "not-found", 2L));
    assertThat(merged.exemplars().slowest())
        .containsExactly(
            new Exemplar("r-late-1", 600_000),
            new Exemplar("r-5", 50_000),
            new Exemplar("r-2", 40_000),
            new Exemplar("r-3", 30_000),
            new Exemplar("r-4", 20_000));
    assertThat(correction.plus(results.get(0).window()).exemplars())
        .as("the merge order does not matter")
        .isEqualTo(merged.exemplars());
  }

  private static String type(int n) {
    return String.format("type-%02d", n);
  }

  @Test
  void late_events_of_a_window_become_one_correction_at_the_next_punctuation_and_are_counted() {
    send(T0.plusSeconds(1), 10_000, 200, CacheStatus.HIT);
    send(T0.plusSeconds(95), 10_000, 200, CacheStatus.HIT); // closes the first window
    send(T0.plusSeconds(20), 20_000, 200, CacheStatus.MISS);
    send(T0.plusSeconds(40), 30_000, 503, CacheStatus.MISS);
    timings.pipeInput(
        KEY,
        List.of(
            event(T0.plusSeconds(41), 5_000, 200, CacheStatus.HIT),
            event(T0.plusSeconds(42), 7_000, 200, CacheStatus.HIT)),
        T0.plusSeconds(42));

    assertThat(closedWindows())
        .as("corrections wait for the punctuation")
        .extracting(WindowResult::kind)
        .containsExactly(WindowKind.FINAL);

    driver.advanceWallClockTime(SETTINGS.provisionalInterval());

    List<WindowResult> corrections =
        closedWindows().stream().filter(r -> r.kind() == WindowKind.CORRECTION).toList();
    assertThat(corrections)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.windowStart()).isEqualTo(T0);
              assertThat(c.window().counters().requests()).isEqualTo(4);
              assertThat(c.window().counters().status5xx()).isEqualTo(1);
              assertThat(c.window().latency().count()).isEqualTo(4);
              assertThat(c.window().latency().max()).isEqualTo(30_000);
            });
    assertThat(lateEventsTotal()).isEqualTo(4.0);

    driver.advanceWallClockTime(SETTINGS.provisionalInterval());
    assertThat(closedWindows()).as("a correction is emitted once").isEmpty();
  }

  @Test
  void an_open_window_is_updated_by_every_record_without_losing_earlier_ones() {
    for (int i = 0; i < 50; i++) {
      send(T0.plusSeconds(1).plusMillis(i * 100L), 1_000 + i, 200, CacheStatus.HIT);
    }
    driver.advanceWallClockTime(SETTINGS.provisionalInterval());
    send(T0.plusSeconds(91), 1_000, 200, CacheStatus.HIT);

    assertThat(finals())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.window().counters().requests()).isEqualTo(50);
              assertThat(r.window().latency().min()).isEqualTo(1_000);
              assertThat(r.window().latency().max()).isEqualTo(1_049);
            });
  }

  private double lateEventsTotal() {
    return driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(RouteWindowProcessor.LATE_SENSOR + "-total"))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }

  /** The output without provisional values: final windows and corrections. */
  private List<WindowResult> closedWindows() {
    return windows.readValuesToList().stream()
        .filter(r -> r.kind() != WindowKind.PROVISIONAL)
        .toList();
  }

  private List<WindowResult> finals() {
    return windows.readValuesToList().stream().filter(r -> r.kind() == WindowKind.FINAL).toList();
  }

  private void send(Instant at, long durationUs, int status, CacheStatus cache) {
    timings.pipeInput(KEY, List.of(event(at, durationUs, status, cache)), at);
  }

  static TimingEvent event(Instant at, long durationUs, int status, CacheStatus cache) {
    return event(
        at, durationUs, status, cache, UUID.randomUUID().toString(), status >= 400 ? "test" : null);
  }

  static TimingEvent event(
      Instant at, long durationUs, int status, String requestId, String errorType) {
    return event(at, durationUs, status, CacheStatus.MISS, requestId, errorType);
  }

  static TimingEvent event(
      Instant at,
      long durationUs,
      int status,
      CacheStatus cache,
      String requestId,
      String errorType) {
    return timingEvent()
        .at(at)
        .requestId(requestId)
        .status(status)
        .errorType(errorType)
        .durationUs(durationUs)
        .db(500, 1)
        .cache(cache)
        .bytes(512)
        .build();
  }
}
