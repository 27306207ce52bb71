package io.pitchey.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimingEventJsonTest {
  static final TimingEvent EVENT =
      new TimingEvent(
          1,
          "e-1",
          "r-1",
          1_764_064_800_123_456L,
          "serving-api",
          "eu-west",
          "api-1",
          "GET",
          "/api/pitches/{id}",
          404,
          2_345,
          1_200,
          1,
          CacheStatus.MISS,
          ContentClass.PITCH,
          117,
          "not-found");

  @Test
  void an_event_round_trips_with_snake_case_fields() {
    byte[] json = TimingEventJson.write(EVENT);

    assertThat(new String(json, StandardCharsets.UTF_8))
        .contains(
            "\"v\":1",
            "\"ts_us\":1764064800123456",
            "\"duration_us\":2345",
            "\"content_class\":\"PITCH\"",
            "\"error_type\":\"not-found\"",
            "\"route\":\"/api/pitches/{id}\"")
        .doesNotContain("route_key");
    assertThat(TimingEventJson.read(json)).containsExactly(EVENT);
  }

  @Test
  void a_batch_reads_as_every_event_in_it() {
    TimingEvent second =
        new TimingEvent(
            1,
            "e-2",
            "r-2",
            1,
            "serving-api",
            "eu-west",
            "api-1",
            "GET",
            "/api/health",
            200,
            10,
            0,
            0,
            CacheStatus.BYPASS,
            ContentClass.OTHER,
            2,
            null);

    assertThat(TimingEventJson.read(TimingEventJson.writeBatch(List.of(EVENT, second))))
        .containsExactly(EVENT, second);
  }

  @Test
  void unknown_fields_are_ignored() {
    String json =
        new String(TimingEventJson.write(EVENT), StandardCharsets.UTF_8)
            .replaceFirst("\\{", "{\"added_in_v2\":[1,2],");

    assertThat(TimingEventJson.read(json.getBytes(StandardCharsets.UTF_8))).containsExactly(EVENT);
  }

  @Test
  void a_missing_required_field_is_an_invalid_event() {
    String json =
        new String(TimingEventJson.write(EVENT), StandardCharsets.UTF_8)
            .replace("\"status\":404,", "");

    assertThatThrownBy(() -> TimingEventJson.read(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("status");
  }

  @Test
  void an_event_that_breaks_the_contract_is_an_invalid_event() {
    String json =
        new String(TimingEventJson.write(EVENT), StandardCharsets.UTF_8)
            .replace("\"GET\"", "\"get\"");

    assertThatThrownBy(() -> TimingEventJson.read(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("upper case");
  }
}
