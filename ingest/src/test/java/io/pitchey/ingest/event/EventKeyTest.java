package io.pitchey.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventKeyTest {

  @Test
  void the_key_is_service_region_instance_and_route_key() {
    assertThat(EventKey.of(TimingEventJsonTest.EVENT).toString())
        .isEqualTo("serving-api|eu-west|api-1|GET /api/pitches/{id}");
  }

  @Test
  void a_key_parses_back_even_when_the_route_contains_the_separator() {
    EventKey key = new EventKey("api", "local", "i-1", "GET", "/odd|route");

    assertThat(EventKey.parse(key.toString())).isEqualTo(key);
  }

  @Test
  void a_malformed_key_is_rejected_with_the_expected_form() {
    assertThatThrownBy(() -> EventKey.parse("api|local"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("service|region|instance|METHOD route");
  }
}
