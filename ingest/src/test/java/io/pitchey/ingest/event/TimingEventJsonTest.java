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

  @Test
  void every_field_is_written_under_its_contract_name_and_read_back() throws Exception {
    com.fasterxml.jackson.databind.JsonNode written =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(TimingEventJson.write(EVENT));

    assertThat(written.properties().stream().map(java.util.Map.Entry::getKey).toList())
        .containsExactlyInAnyOrder(
            "v",
            "event_id",
            "request_id",
            "ts_us",
            "service",
            "region",
            "instance",
            "method",
            "route",
            "status",
            "duration_us",
            "db_us",
            "db_queries",
            "cache",
            "content_class",
            "bytes",
            "error_type");
    TimingEvent read = TimingEventJson.read(TimingEventJson.write(EVENT)).get(0);
    assertThat(read).isEqualTo(EVENT);
    assertThat(read)
        .usingRecursiveComparison()
        .isEqualTo(EVENT); // every component, not only equals()
  }

  @Test
  void a_success_has_no_error_type_on_the_wire() {
    TimingEvent ok =
        new TimingEvent(
            1,
            "e-3",
            "r-3",
            5,
            "s",
            "r",
            "i",
            "POST",
            "/api/x",
            201,
            1,
            0,
            0,
            CacheStatus.BYPASS,
            ContentClass.OTHER,
            0,
            null);

    assertThat(new String(TimingEventJson.write(ok), StandardCharsets.UTF_8))
        .doesNotContain("error_type");
    assertThat(TimingEventJson.read(TimingEventJson.write(ok))).containsExactly(ok);
  }

  @Test
  void a_wrongly_typed_value_is_named_in_the_error() {
    String json =
        new String(TimingEventJson.write(EVENT), StandardCharsets.UTF_8)
            .replace("\"status\":404", "\"status\":\"404\"");

    assertThatThrownBy(() -> TimingEventJson.read(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("status: ");
  }

  @Test
  void a_bad_event_in_a_batch_is_named_by_its_index() {
    String good = new String(TimingEventJson.write(EVENT), StandardCharsets.UTF_8);
    String bad = good.replace("\"cache\":\"MISS\"", "\"cache\":\"miss\"");

    assertThatThrownBy(
            () ->
                TimingEventJson.read(
                    ("[" + good + "," + bad + "]").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("event [1]: cache: ");
  }

  @Test
  void trailing_content_and_non_json_are_invalid() {
    String good = new String(TimingEventJson.write(EVENT), StandardCharsets.UTF_8);

    assertThatThrownBy(() -> TimingEventJson.read((good + " x").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidEventException.class);
    assertThatThrownBy(() -> TimingEventJson.read("{\"v\":".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("not valid JSON");
  }

  @Test
  void malformed_json_after_good_events_of_a_batch_is_invalid_json_not_a_bad_event() {
    String good = new String(TimingEventJson.write(EVENT), StandardCharsets.UTF_8);

    for (String record :
        List.of(
            "[" + good + ", {\"v\": 1,",
            "[" + good + "," + good + "] " + good,
            "[" + good + ", ]",
            "  ")) {
      assertThatThrownBy(() -> TimingEventJson.read(record.getBytes(StandardCharsets.UTF_8)))
          .as(record)
          .isInstanceOf(InvalidEventException.class)
          .message()
          .matches("not valid JSON: .+|empty record");
    }
  }

  @Test
  void a_batch_element_that_is_not_an_object_is_named_by_its_json_type() {
    String good = new String(TimingEventJson.write(EVENT), StandardCharsets.UTF_8);

    assertThatThrownBy(
            () -> TimingEventJson.read(("[" + good + ", 42]").getBytes(StandardCharsets.UTF_8)))
        .hasMessage("event [1]: an event must be a JSON object, was number");
    assertThatThrownBy(() -> TimingEventJson.read("[[]]".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("event [0]: an event must be a JSON object, was array");
  }
}
