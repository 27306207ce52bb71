package io.pitchey.api.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitchey.api.http.ContentCoding;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.ehcache.spi.serialization.SerializerException;
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

  @Test
  void compressed_variants_content_type_and_a_private_policy_read_back_as_stored() {
    byte[] json = ("[" + "{\"title\":\"The Quiet Harbor\"},".repeat(30) + "{}]").getBytes(UTF_8);
    CachedBody body =
        CachedBody.of(
            json,
            "application/json",
            Instant.parse("2030-01-02T03:04:05.678Z"),
            CachePolicy.PRIVATE.withStaleIfError(Duration.ofHours(1)));

    CachedBody read = serializer.read(serializer.serialize(body));

    assertThat(read).isEqualTo(body);
    assertThat(read.codings())
        .containsExactlyInAnyOrder(
            ContentCoding.BROTLI, ContentCoding.GZIP, ContentCoding.IDENTITY);
    assertThat(read.encoded(ContentCoding.GZIP)).isEqualTo(body.encoded(ContentCoding.GZIP));
    assertThat(read.policy().shared()).isFalse();
    assertThat(read.policy().staleIfError()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void bytes_of_another_layout_are_refused() {
    ByteBuffer foreign = ByteBuffer.wrap(new byte[] {1, 0, 0, 0});

    assertThatThrownBy(() -> serializer.read(foreign)).isInstanceOf(SerializerException.class);
  }
}
