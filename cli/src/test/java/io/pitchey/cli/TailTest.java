package io.pitchey.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.event.TimingEventJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help.Ansi;

class TailTest {
  private static final Instant T = Instant.parse("2026-11-25T10:00:01.123Z");

  @Test
  void one_readable_line_per_event() {
    TimingEvent e = event("/api/pitches/{id}", 200, 12_345, CacheStatus.HIT, null);
    assertThat(TailFormat.format(e, Ansi.OFF))
        .isEqualTo(
            "10:00:01.123Z GET    /api/pitches/{id}            200    12.3 ms  db    1.5 ms/2  HIT"
                + "              512 B  api-1");
  }

  @Test
  void errors_show_their_type_and_colour_when_ansi_is_on() {
    TimingEvent e = event("/api/me", 503, 250_000, CacheStatus.BYPASS, "db-timeout");
    assertThat(TailFormat.format(e, Ansi.OFF)).contains(" 503 ").endsWith("api-1  db-timeout");
    String coloured = TailFormat.format(e, Ansi.ON);
    assertThat(coloured).contains("\u001B[").contains("503").doesNotContain("@|");
  }

  @Test
  void route_filter_takes_a_substring_a_template_or_a_raw_path() {
    TimingEvent pitch = event("/api/pitches/{id}", 200, 1_000, CacheStatus.HIT, null);
    TimingEvent me = event("/api/me", 200, 1_000, CacheStatus.BYPASS, null);
    for (String route :
        List.of("pitches", "/api/pitches/{id}", "/api/pitches/42", "GET /api/pitches/{id}")) {
      TailFilter f = TailFilter.parse(route, null, 0, null);
      assertThat(f.test(pitch)).as(route).isTrue();
      assertThat(f.test(me)).as(route).isFalse();
    }
  }

  @Test
  void status_min_ms_and_cache_filters() {
    TimingEvent ok = event("/api/me", 200, 5_000, CacheStatus.HIT, null);
    TimingEvent notFound = event("/api/me", 404, 150_000, CacheStatus.MISS, "not-found");
    TimingEvent failed = event("/api/me", 503, 2_000_000, CacheStatus.STALE, "db-timeout");

    assertThat(matching(TailFilter.parse(null, "5xx", 0, null), ok, notFound, failed))
        .containsExactly(failed);
    assertThat(matching(TailFilter.parse(null, "404,503", 0, null), ok, notFound, failed))
        .containsExactly(notFound, failed);
    assertThat(matching(TailFilter.parse(null, null, 100, null), ok, notFound, failed))
        .containsExactly(notFound, failed);
    assertThat(matching(TailFilter.parse(null, null, 0, "miss,STALE"), ok, notFound, failed))
        .containsExactly(notFound, failed);
    assertThat(matching(TailFilter.parse(null, "4xx", 100, "MISS"), ok, notFound, failed))
        .containsExactly(notFound);
  }

  @Test
  void bad_filter_values_are_explained() {
    assertThatThrownBy(() -> TailFilter.parse(null, "5x", 0, null))
        .hasMessageContaining("--status");
    assertThatThrownBy(() -> TailFilter.parse(null, null, 0, "WARM"))
        .hasMessageContaining("--cache")
        .hasMessageContaining("HIT");
    assertThatThrownBy(() -> TailFilter.parse(null, null, -1, null))
        .hasMessageContaining("--min-ms");
  }

  @Test
  void a_batch_record_gives_a_line_per_matching_event_and_garbage_one_note() {
    TimingEvent a = event("/api/me", 200, 1_000, CacheStatus.HIT, null);
    TimingEvent b = event("/api/me", 500, 1_000, CacheStatus.HIT, "internal");
    ConsumerRecord<byte[], byte[]> batch =
        new ConsumerRecord<>("t", 0, 7, new byte[0], TimingEventJson.writeBatch(List.of(a, b)));
    assertThat(TailCommand.lines(batch, TailFilter.parse(null, "5xx", 0, null), Ansi.OFF))
        .singleElement()
        .asString()
        .contains("500");
    ConsumerRecord<byte[], byte[]> garbage =
        new ConsumerRecord<>("t", 1, 9, new byte[0], "nope".getBytes(StandardCharsets.UTF_8));
    assertThat(TailCommand.lines(garbage, TailFilter.ALL, Ansi.OFF))
        .singleElement()
        .asString()
        .startsWith("(unreadable record at partition 1 offset 9");
  }

  private static List<TimingEvent> matching(TailFilter f, TimingEvent... events) {
    return java.util.Arrays.stream(events).filter(f::test).toList();
  }

  private static TimingEvent event(
      String route, int status, long durationUs, CacheStatus cache, @Nullable String errorType) {
    return new TimingEvent(
        1,
        "e",
        "r",
        T.getEpochSecond() * 1_000_000 + T.getNano() / 1_000,
        "serving-api",
        "local",
        "api-1",
        "GET",
        route,
        status,
        durationUs,
        1_500,
        2,
        cache,
        ContentClass.PITCH,
        512,
        errorType);
  }
}
