package io.pitchey.api.cache;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import io.pitchey.api.http.ContentCoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compresses a body into its Brotli and gzip variants once, when it is stored, so that no hit pays
 * for compression.
 *
 * <p>Bodies under {@link #MIN_BYTES} are not compressed: the codings' headers and the client's
 * decompression cost more than the few bytes saved. A variant that is not smaller than the body is
 * dropped. If the Brotli native library cannot be loaded on this platform, bodies get gzip only and
 * one warning says so.
 */
final class Precompression {
  private static final Logger log = LoggerFactory.getLogger(Precompression.class);

  /** Below this a body is sent as it is; the MTU-sized default of most servers is larger. */
  static final int MIN_BYTES = 256;

  /**
   * A miss waits for compression, so the levels are fast ones: on typical JSON Brotli 5 already
   * beats gzip 9 and takes tens of microseconds, while qualities 9 to 11 take milliseconds and are
   * far slower still on bodies that do not compress.
   */
  private static final int BROTLI_QUALITY = 5;

  private static final boolean BROTLI = loadBrotli();

  private Precompression() {}

  /** The compressed variants worth keeping; empty for a tiny or incompressible body. */
  static Map<ContentCoding, byte[]> variants(byte[] identity) {
    Map<ContentCoding, byte[]> variants = new EnumMap<>(ContentCoding.class);
    if (identity.length < MIN_BYTES) {
      return variants;
    }
    if (BROTLI) {
      keepIfSmaller(variants, ContentCoding.BROTLI, brotli(identity), identity.length);
    }
    keepIfSmaller(variants, ContentCoding.GZIP, gzip(identity), identity.length);
    return variants;
  }

  private static void keepIfSmaller(
      Map<ContentCoding, byte[]> variants, ContentCoding coding, byte[] encoded, int original) {
    if (encoded.length < original) {
      variants.put(coding, encoded);
    }
  }

  static byte[] gzip(byte[] identity) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(identity.length / 2 + 32);
    try (GZIPOutputStream gzip = new DefaultGzip(out)) {
      gzip.write(identity);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static byte[] brotli(byte[] identity) {
    try {
      return Encoder.compress(identity, new Encoder.Parameters().setQuality(BROTLI_QUALITY));
    } catch (IOException e) {
      throw new UncheckedIOException("Brotli into memory cannot fail", e);
    }
  }

  private static boolean loadBrotli() {
    try {
      Brotli4jLoader.ensureAvailability();
      return true;
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      log.warn(
          "Brotli is not available on this platform; cached bodies get gzip only: {}",
          e.toString());
      return false;
    }
  }

  /** Gzip at its default level: higher levels gain little on JSON and crawl on dense bodies. */
  private static final class DefaultGzip extends GZIPOutputStream {
    DefaultGzip(ByteArrayOutputStream out) throws IOException {
      super(out);
      def.setLevel(Deflater.DEFAULT_COMPRESSION);
    }
  }
}
