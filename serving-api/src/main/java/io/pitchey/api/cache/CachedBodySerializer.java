package io.pitchey.api.cache;

import io.pitchey.api.http.ContentCoding;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.ehcache.spi.serialization.Serializer;
import org.ehcache.spi.serialization.SerializerException;

/**
 * The off-heap and disk form of a {@link CachedBody}: a fixed layout rather than Java
 * serialisation, which would be slower, larger, and tie the bytes to class internals.
 *
 * <pre>
 * version (1) | storedAt epoch ms (8) | ttl s (8) | stale-while-revalidate s (8)
 *   | stale-if-error s (8) | shared (1) | content type length (2) | content type ASCII
 *   | etag length (4) | etag ASCII | body length (4) | body
 *   | variant count (1) | per variant: coding token length (1) | token ASCII | length (4) | bytes
 * </pre>
 *
 * The variants are stored as compressed when the body was cached, so reading one back compresses
 * nothing. Only the identity body's entity tag is stored; the variants' tags derive from it. {@link
 * CachedBody#of} truncates {@code storedAt} to milliseconds, so a body reads back equal. The disk
 * tier is cleared at start, so a new version never meets old bytes; the version byte turns a
 * mistake there into a clear error instead of garbage.
 */
final class CachedBodySerializer implements Serializer<CachedBody> {
  private static final byte VERSION = 2;

  @Override
  public ByteBuffer serialize(CachedBody value) {
    byte[] contentType = ascii(value.contentType());
    byte[] etag = ascii(value.etag());
    int size =
        1
            + 4 * Long.BYTES
            + 1
            + Short.BYTES
            + contentType.length
            + Integer.BYTES
            + etag.length
            + Integer.BYTES
            + value.body().length
            + 1;
    for (Map.Entry<ContentCoding, byte[]> variant : value.variants().entrySet()) {
      size += 1 + variant.getKey().token().length() + Integer.BYTES + variant.getValue().length;
    }
    CachePolicy policy = value.policy();
    ByteBuffer buffer = ByteBuffer.allocate(size);
    buffer
        .put(VERSION)
        .putLong(value.storedAt().toEpochMilli())
        .putLong(policy.ttl().toSeconds())
        .putLong(policy.staleWhileRevalidate().toSeconds())
        .putLong(policy.staleIfError().toSeconds())
        .put((byte) (policy.shared() ? 1 : 0))
        .putShort((short) contentType.length)
        .put(contentType)
        .putInt(etag.length)
        .put(etag)
        .putInt(value.body().length)
        .put(value.body())
        .put((byte) value.variants().size());
    for (Map.Entry<ContentCoding, byte[]> variant : value.variants().entrySet()) {
      byte[] token = ascii(variant.getKey().token());
      buffer.put((byte) token.length).put(token).putInt(variant.getValue().length);
      buffer.put(variant.getValue());
    }
    return buffer.flip();
  }

  @Override
  public CachedBody read(ByteBuffer binary) {
    try {
      byte version = binary.get();
      if (version != VERSION) {
        throw new IllegalStateException("unknown layout version " + version);
      }
      Instant storedAt = Instant.ofEpochMilli(binary.getLong());
      CachePolicy policy =
          new CachePolicy(
              Duration.ofSeconds(binary.getLong()),
              Duration.ofSeconds(binary.getLong()),
              Duration.ofSeconds(binary.getLong()),
              binary.get() == 1);
      String contentType = text(bytes(binary, binary.getShort()));
      String etag = text(bytes(binary, binary.getInt()));
      byte[] body = bytes(binary, binary.getInt());
      Map<ContentCoding, byte[]> variants = new EnumMap<>(ContentCoding.class);
      int count = binary.get();
      for (int i = 0; i < count; i++) {
        ContentCoding coding = coding(text(bytes(binary, binary.get())));
        variants.put(coding, bytes(binary, binary.getInt()));
      }
      return new CachedBody(body, contentType, etag, storedAt, policy, variants);
    } catch (RuntimeException e) {
      throw new SerializerException("corrupt cached body", e);
    }
  }

  @Override
  public boolean equals(CachedBody object, ByteBuffer binary) {
    return object.equals(read(binary));
  }

  private static ContentCoding coding(String token) {
    for (ContentCoding coding : ContentCoding.values()) {
      if (coding.token().equals(token)) {
        return coding;
      }
    }
    throw new IllegalStateException("unknown content coding " + token);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static String text(byte[] ascii) {
    return new String(ascii, StandardCharsets.US_ASCII);
  }

  private static byte[] bytes(ByteBuffer buffer, int length) {
    byte[] bytes = new byte[length];
    buffer.get(bytes);
    return bytes;
  }
}
