package io.pitchey.web.build;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The pre-compressed variants, at the strongest settings: they are made once per build, so their
 * cost is paid once rather than on every response. Both are deterministic: the same bytes in give
 * the same bytes out (the JDK's gzip header carries no file name and a zero modification time).
 */
final class Compression {
  private static final int BROTLI_BEST = 11;

  private Compression() {}

  /** Brotli in its text mode: every kind of asset built here is text (SVG included). */
  static byte[] brotli(byte[] bytes) {
    Brotli4jLoader.ensureAvailability();
    Encoder.Parameters parameters =
        new Encoder.Parameters().setQuality(BROTLI_BEST).setMode(Encoder.Mode.TEXT);
    try {
      return Encoder.compress(bytes, parameters);
    } catch (IOException e) {
      throw new UncheckedIOException("Brotli compression failed", e);
    }
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
    try (OutputStream gzip = new BestGzipOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory gzip failed", e);
    }
    return out.toByteArray();
  }

  private static final class BestGzipOutputStream extends GZIPOutputStream {
    BestGzipOutputStream(OutputStream out) throws IOException {
      super(out);
      def.setLevel(Deflater.BEST_COMPRESSION);
    }
  }
}
