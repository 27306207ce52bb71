package io.pitchey.api.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Strong entity tags derived from a body's bytes, and {@code If-None-Match} matching (RFC 9110
 * §13.1.2, weak comparison). Computed once when a body is cached, so a 304 costs no hashing.
 */
public final class ETags {
  /** 128 bits of SHA-256: collisions are out of reach and the header stays short. */
  private static final int TAG_BYTES = 16;

  private ETags() {}

  public static String of(byte[] body) {
    byte[] digest = Arrays.copyOf(sha256(body), TAG_BYTES);
    return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + '"';
  }

  /** True when the {@code If-None-Match} header value lists {@code etag} (or is {@code *}). */
  public static boolean matches(@Nullable String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*") || opaque(tag).equals(opaque(etag))) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
