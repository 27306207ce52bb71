package io.pitchey.aggregator.window;

import static io.pitchey.aggregator.TimingEventBuilder.timingEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitchey.ingest.event.CacheStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Window state and records as JSON, including windows written before a field existed. */
class WindowJsonTest {
  @Test
  void a_window_stored_before_thresholds_error_types_and_exemplars_reads_as_having_none() {
    ObjectNode json = asJson(slowFailingWindow());
    json.remove(List.of("error_types", "exemplars"));
    ((ObjectNode) json.get("counters")).remove(List.of("within50ms", "within200ms", "within500ms"));

    RouteWindow window = read(json.toString());

    assertThat(window.counters().requests()).isEqualTo(1);
    assertThat(window.counters().within500ms()).isZero();
    assertThat(window.errorTypes()).isEqualTo(ErrorTypes.NONE);
    assertThat(window.exemplars()).isEqualTo(Exemplars.NONE);
  }

  @Test
  void a_window_reads_back_as_it_was_written() {
    RouteWindow window = slowFailingWindow();

    RouteWindow read = read(asJson(window).toString());

    assertThat(read.counters()).isEqualTo(window.counters());
    assertThat(read.errorTypes()).isEqualTo(window.errorTypes());
    assertThat(read.exemplars()).isEqualTo(window.exemplars());
  }

  @Test
  void error_types_and_exemplars_are_a_json_object_and_a_json_array() {
    assertThat(WindowJson.write(new ErrorTypes(Map.of("not-found", 2L))))
        .isEqualTo("{\"not-found\":2}");
    assertThat(WindowJson.write(new Exemplars(List.of(new Exemplar("r-1", 900)))))
        .isEqualTo("[{\"request_id\":\"r-1\",\"duration_us\":900}]");
  }

  @Test
  void more_exemplars_than_a_window_keeps_are_refused() {
    ObjectNode json = asJson(slowFailingWindow());
    ArrayNode exemplars = json.putArray("exemplars");
    for (int i = 0; i <= Exemplars.MAX; i++) {
      exemplars.addObject().put("request_id", "r-" + i).put("duration_us", i);
    }

    assertThatThrownBy(() -> read(json.toString())).isInstanceOf(SerializationException.class);
  }

  private static RouteWindow slowFailingWindow() {
    return RouteWindow.empty()
        .plus(
            timingEvent()
                .eventId("e-1")
                .requestId("r-1")
                .service("api")
                .status(503)
                .errorType("db-timeout")
                .durationUs(900_000)
                .db(0, 0)
                .cache(CacheStatus.MISS)
                .bytes(10)
                .build());
  }

  private static ObjectNode asJson(RouteWindow window) {
    try {
      return (ObjectNode) WindowJson.MAPPER.readTree(WindowJson.write(window));
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static RouteWindow read(String json) {
    return WindowJson.routeWindowSerde()
        .deserializer()
        .deserialize("t", json.getBytes(StandardCharsets.UTF_8));
  }
}
