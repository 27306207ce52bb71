package io.pitchey.api.assets;

import io.pitchey.api.http.ContentCoding;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One built asset, every variant in memory.
 *
 * @param logicalName the name in the sources, e.g. {@code app.js}
 * @param file the served name: {@code app.3f2a9c0b1d.js}, or the logical name for a page
 * @param contentType the {@code Content-Type}, with its charset for text
 * @param immutable whether {@code file} carries the content hash, so a response may be cached for
 *     as long as caches allow
 * @param variants the body in each content coding; identity is always there
 */
public record StaticAsset(
    String logicalName,
    String file,
    String contentType,
    boolean immutable,
    Map<ContentCoding, Variant> variants) {

  /**
   * The body in one content coding.
   *
   * @param etag the strong entity tag of exactly these bytes, quoted
   */
  public record Variant(byte[] body, String etag) {
    public Variant {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(etag, "etag");
      if (etag.length() < 3 || !etag.startsWith("\"") || !etag.endsWith("\"")) {
        throw new IllegalArgumentException("a strong entity tag is quoted: " + etag);
      }
    }
  }

  public StaticAsset {
    Objects.requireNonNull(logicalName, "logicalName");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(contentType, "contentType");
    if (!variants.containsKey(ContentCoding.IDENTITY)) {
      throw new IllegalArgumentException(logicalName + " has no identity variant");
    }
    variants = Map.copyOf(new EnumMap<>(variants));
  }

  /** The codings this asset is stored in. */
  public Set<ContentCoding> codings() {
    return variants.keySet();
  }

  public Variant variant(ContentCoding coding) {
    Variant variant = variants.get(coding);
    if (variant == null) {
      throw new IllegalArgumentException(logicalName + " is not stored as " + coding.token());
    }
    return variant;
  }
}
