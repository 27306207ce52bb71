package io.pitchey.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

  @Test
  void a_safe_client_id_is_kept() {
    assertThat(RequestIds.acceptOrCreate("trace-42.a:b_c")).isEqualTo("trace-42.a:b_c");
  }

  @Test
  void a_missing_unsafe_or_overlong_id_is_replaced_by_a_uuid() {
    String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    assertThat(RequestIds.acceptOrCreate(null)).matches(uuid);
    assertThat(RequestIds.acceptOrCreate("evil\r\nSet-Cookie: x")).matches(uuid);
    assertThat(RequestIds.acceptOrCreate("x".repeat(129))).matches(uuid);
  }
}
