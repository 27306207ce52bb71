package io.pitchey.aggregator.topology;

import static io.pitchey.aggregator.topology.RouteWindowTopologyTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitchey.aggregator.window.WindowKind;
import io.pitchey.aggregator.window.WindowResult;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.TimingEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backfill path: history becomes one correction per key and window, apart from live. */
class BackfillTopologyTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final Instant LAST_WEEK = T0.minus(Duration.ofDays(7));
  private static final WindowSettings SETTINGS =
      new WindowSettings(Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(5));
  private static final String KEY = "serving-api|local|i-1|GET /api/pitches/{id}";

  @TempDir Path stateDir;
  private TopologyFixture fixture;
  private TopologyTestDriver driver;
  private TestInputTopic<String, List<TimingEvent>> live;
  private TestInputTopic<String, List<TimingEvent>> backfill;
  private TestOutputTopic<String, WindowResult> windows;

  @BeforeEach
  void start() {
    fixture = new TopologyFixture(stateDir, SETTINGS, T0);
    driver = fixture.driver;
    live = fixture.live;
    backfill = fixture.backfill;
    windows = fixture.windows;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void backfilled_events_of_an_old_window_become_one_correction_per_key_and_window() {
    // 30 single-event records and one batch record in the same old window, then the backfill
    // moves past end + grace.
    for (int i = 0; i < 30; i++) {
      sendBackfill(LAST_WEEK.plusSeconds(i), 1_000 + i);
    }
    backfill.pipeInput(
        KEY,
        List.of(
            event(LAST_WEEK.plusSeconds(40), 5_000, 200, CacheStatus.HIT),
            event(LAST_WEEK.plusSeconds(41), 6_000, 500, CacheStatus.MISS)),
        LAST_WEEK.plusSeconds(41));
    assertThat(windows.isEmpty()).as("nothing before the window closes").isTrue();

    sendBackfill(LAST_WEEK.plusSeconds(90), 1_000);

    List<WindowResult> results = windows.readValuesToList();
    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.kind()).isEqualTo(WindowKind.CORRECTION);
              assertThat(r.windowStart()).isEqualTo(LAST_WEEK);
              assertThat(r.key().toString()).isEqualTo(KEY);
              assertThat(r.window().counters().requests()).isEqualTo(32);
              assertThat(r.window().counters().status5xx()).isEqualTo(1);
              assertThat(r.window().latency().max()).isEqualTo(6_000);
            });
  }

  @Test
  void
      the_last_backfill_windows_close_once_the_backfill_has_been_quiet_for_a_provisional_interval() {
    sendBackfill(LAST_WEEK.plusSeconds(1), 1_000);
    sendBackfill(LAST_WEEK.plusSeconds(61), 1_000);

    driver.advanceWallClockTime(SETTINGS.provisionalInterval().minusSeconds(1));
    assertThat(windows.isEmpty()).as("not quiet for long enough yet").isTrue();

    driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertThat(windows.readValuesToList())
        .extracting(WindowResult::kind, r -> r.windowStart())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(WindowKind.CORRECTION, LAST_WEEK),
            org.assertj.core.groups.Tuple.tuple(WindowKind.CORRECTION, LAST_WEEK.plusSeconds(60)));
  }

  @Test
  void backfill_never_emits_final_or_provisional_records_even_for_current_windows() {
    // A backfill that reaches into the live window's minute: an additional row, not a final.
    sendBackfill(T0.plusSeconds(1), 1_000);
    sendLive(T0.plusSeconds(2), 2_000);

    driver.advanceWallClockTime(SETTINGS.provisionalInterval());
    assertThat(windows.readValuesToList())
        .extracting(WindowResult::kind, r -> r.window().counters().requests())
        .as("the live window's running value, and the quiet backfill's correction")
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(WindowKind.PROVISIONAL, 1L),
            org.assertj.core.groups.Tuple.tuple(WindowKind.CORRECTION, 1L));

    driver.advanceWallClockTime(Duration.ofSeconds(95));
    assertThat(windows.readValuesToList())
        .extracting(WindowResult::kind, r -> r.window().counters().requests())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(WindowKind.FINAL, 1L));
  }

  @Test
  void live_and_backfill_do_not_disturb_each_others_windows() {
    // Live traffic at T0 keeps its window open while a week-old backfill streams through ...
    sendLive(T0.plusSeconds(1), 10_000);
    for (int minute = 0; minute < 5; minute++) {
      sendBackfill(LAST_WEEK.plusSeconds(minute * 60L + 1), 1_000);
    }
    // Backfill time 10:04:01 (a week ago) minus the grace closes its windows of minutes 0..2 only.
    assertThat(kinds()).as("backfill closes only its own windows").hasSize(3);

    // ... and a live event far in the future of the backfill does not close backfill windows.
    sendBackfill(LAST_WEEK.plusSeconds(5 * 60L + 1), 1_000);
    sendLive(T0.plusSeconds(95), 10_000);
    List<WindowResult> results = windows.readValuesToList();
    assertThat(results)
        .filteredOn(r -> r.kind() == WindowKind.CORRECTION)
        .singleElement()
        .satisfies(r -> assertThat(r.windowStart()).isEqualTo(LAST_WEEK.plusSeconds(180)));
    assertThat(results)
        .filteredOn(r -> r.kind() != WindowKind.CORRECTION)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.kind()).isEqualTo(WindowKind.FINAL);
              assertThat(r.windowStart()).isEqualTo(T0);
              assertThat(r.window().counters().requests()).isEqualTo(1);
            });

    // Live time is far ahead; a late backfill for the live window's minute is still a correction.
    sendBackfill(T0.plusSeconds(3), 2_000);
    sendBackfill(T0.plusSeconds(200), 2_000);
    assertThat(windows.readValuesToList())
        .filteredOn(r -> r.windowStart().equals(T0))
        .singleElement()
        .satisfies(r -> assertThat(r.kind()).isEqualTo(WindowKind.CORRECTION));
  }

  @Test
  void an_out_of_order_backfill_adds_one_more_correction_per_window_not_one_per_event() {
    sendBackfill(LAST_WEEK.plusSeconds(1), 1_000);
    sendBackfill(LAST_WEEK.plusSeconds(200), 1_000); // closes the first window
    List<WindowResult> first = windows.readValuesToList();
    assertThat(first).hasSize(1);

    // A second file of the same minute, processed later.
    for (int i = 0; i < 10; i++) {
      sendBackfill(LAST_WEEK.plusSeconds(2 + i), 1_000);
    }
    sendBackfill(LAST_WEEK.plusSeconds(300), 1_000);
    List<WindowResult> more =
        windows.readValuesToList().stream().filter(r -> r.windowStart().equals(LAST_WEEK)).toList();
    assertThat(more)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.kind()).isEqualTo(WindowKind.CORRECTION);
              assertThat(r.window().counters().requests()).isEqualTo(10);
            });
  }

  private List<WindowKind> kinds() {
    List<WindowKind> kinds = new ArrayList<>();
    windows.readValuesToList().forEach(r -> kinds.add(r.kind()));
    assertThat(kinds).containsOnly(WindowKind.CORRECTION);
    return kinds;
  }

  private void sendBackfill(Instant at, long durationUs) {
    backfill.pipeInput(KEY, List.of(event(at, durationUs, 200, CacheStatus.HIT)), at);
  }

  private void sendLive(Instant at, long durationUs) {
    live.pipeInput(KEY, List.of(event(at, durationUs, 200, CacheStatus.HIT)), at);
  }
}
