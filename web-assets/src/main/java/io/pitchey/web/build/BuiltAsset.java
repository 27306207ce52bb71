package io.pitchey.web.build;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One asset as built: its minified bytes and their two compressed variants, under its served file
 * name ({@code app.3f2a9c0b1d.js}, or {@code index.html} for a page).
 *
 * @param logicalName the source file's name, e.g. {@code app.js}
 * @param rawBytes the source file's size
 */
record BuiltAsset(
    String logicalName,
    String file,
    AssetKind kind,
    long rawBytes,
    byte[] minified,
    byte[] brotli,
    byte[] gzip) {
  /** How much of the SHA-256 names a file: 40 bits, plenty to tell a handful of versions apart. */
  static final int NAME_HASH_HEX = 10;

  /** 128 bits of SHA-256 in an entity tag: collisions are out of reach, the header stays short. */
  private static final int ETAG_HEX = 32;

  BuiltAsset {
    Objects.requireNonNull(logicalName, "logicalName");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(minified, "minified");
    Objects.requireNonNull(brotli, "brotli");
    Objects.requireNonNull(gzip, "gzip");
    if (rawBytes < 0) {
      throw new IllegalArgumentException("rawBytes must not be negative");
    }
  }

  /** Minifies nothing more: compresses the minified text and names the file. */
  static BuiltAsset of(String logicalName, AssetKind kind, long rawBytes, String minifiedText) {
    byte[] minified = minifiedText.getBytes(StandardCharsets.UTF_8);
    String file = kind.hashed() ? hashedName(logicalName, minified) : logicalName;
    return new BuiltAsset(
        logicalName,
        file,
        kind,
        rawBytes,
        minified,
        Compression.brotli(minified),
        Compression.gzip(minified));
  }

  /** {@code app.js} with content {@code c} becomes {@code app.<first 10 hex of sha256(c)>.js}. */
  static String hashedName(String logicalName, byte[] content) {
    int dot = logicalName.lastIndexOf('.');
    return logicalName.substring(0, dot)
        + '.'
        + sha256Hex(content).substring(0, NAME_HASH_HEX)
        + logicalName.substring(dot);
  }

  /** A strong entity tag of exactly these bytes, quoted: each variant has its own. */
  static String etag(byte[] variant) {
    return '"' + sha256Hex(variant).substring(0, ETAG_HEX) + '"';
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
