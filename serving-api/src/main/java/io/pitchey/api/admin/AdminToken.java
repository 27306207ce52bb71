package io.pitchey.api.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The admin secret, kept only as its SHA-256 so that a heap dump does not reveal it. Presented
 * tokens are hashed and compared in constant time ({@link MessageDigest#isEqual}), so response time
 * leaks nothing about how much of a guess was right.
 */
public final class AdminToken {
  /** Shorter secrets are guessable by brute force over the network. */
  public static final int MIN_LENGTH = 16;

  private final byte[] sha256;

  private AdminToken(byte[] sha256) {
    this.sha256 = sha256;
  }

  /** Hashes {@code secret}; the caller drops its copy. */
  public static AdminToken of(String secret) {
    if (secret.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "an admin token needs at least " + MIN_LENGTH + " characters");
    }
    return new AdminToken(sha256(secret));
  }

  public boolean matches(String presented) {
    return MessageDigest.isEqual(sha256, sha256(presented));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "AdminToken[redacted]";
  }
}
