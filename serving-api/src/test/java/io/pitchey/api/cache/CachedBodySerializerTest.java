package io.pitchey.api.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CachedBodySerializerTest {
  private final CachedBodySerializer serializer = new CachedBodySerializer();

  @Test
  void a_body_reads_back_equal_including_its_etag_and_policy() {
    CachedBody body =
        CachedBody.of(
            "{\"id\":1}".getBytes(StandardCharsets.UTF_8),
            Instant.parse("2030-01-02T03:04:05.678901Z"),
            CachePolicy.PITCH);

    ByteBuffer bytes = serializer.serialize(body);

    assertThat(serializer.read(bytes.duplicate())).isEqualTo(body);
    assertThat(serializer.equals(body, bytes.duplicate())).isTrue();
  }
}
