package io.pitchey.api.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.ehcache.spi.serialization.Serializer;
import org.ehcache.spi.serialization.SerializerException;

/**
 * The off-heap and disk form of a {@link CachedBody}: a fixed layout rather than Java
 * serialisation, which would be slower, larger, and tie the bytes to class internals.
 *
 * <pre>
 * storedAt epoch ms (8) | ttl s (8) | stale-while-revalidate s (8) | etag length (4) | etag ASCII | body length (4) | body
 * </pre>
 *
 * {@link CachedBody#of} already truncates {@code storedAt} to milliseconds, so a body reads back
 * equal.
 */
final class CachedBodySerializer implements Serializer<CachedBody> {

  @Override
  public ByteBuffer serialize(CachedBody value) {
    byte[] etag = value.etag().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer buffer =
        ByteBuffer.allocate(3 * Long.BYTES + 2 * Integer.BYTES + etag.length + value.body().length);
    buffer
        .putLong(value.storedAt().toEpochMilli())
        .putLong(value.policy().ttl().toSeconds())
        .putLong(value.policy().staleWhileRevalidate().toSeconds())
        .putInt(etag.length)
        .put(etag)
        .putInt(value.body().length)
        .put(value.body());
    return buffer.flip();
  }

  @Override
  public CachedBody read(ByteBuffer binary) {
    try {
      Instant storedAt = Instant.ofEpochMilli(binary.getLong());
      CachePolicy policy =
          new CachePolicy(
              Duration.ofSeconds(binary.getLong()), Duration.ofSeconds(binary.getLong()));
      String etag = new String(bytes(binary, binary.getInt()), StandardCharsets.US_ASCII);
      return new CachedBody(bytes(binary, binary.getInt()), etag, storedAt, policy);
    } catch (RuntimeException e) {
      throw new SerializerException("corrupt cached body", e);
    }
  }

  @Override
  public boolean equals(CachedBody object, ByteBuffer binary) {
    return object.equals(read(binary));
  }

  private static byte[] bytes(ByteBuffer buffer, int length) {
    byte[] bytes = new byte[length];
    buffer.get(bytes);
    return bytes;
  }
}
