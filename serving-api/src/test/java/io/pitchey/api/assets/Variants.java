package io.pitchey.api.assets;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import io.pitchey.api.http.ContentCoding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/** Decodes a body sent in a content coding, to compare it with the identity bytes. */
final class Variants {
  private Variants() {}

  static byte[] decode(ContentCoding coding, byte[] body) {
    return switch (coding) {
      case IDENTITY -> body;
      case GZIP -> gunzip(body);
      case BROTLI -> unbrotli(body);
    };
  }

  private static byte[] gunzip(byte[] body) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("not gzip", e);
    }
  }

  private static byte[] unbrotli(byte[] body) {
    Brotli4jLoader.ensureAvailability();
    try {
      DirectDecompress result = com.aayushatharva.brotli4j.decoder.Decoder.decompress(body);
      if (result.getResultStatus() != DecoderJNI.Status.DONE) {
        throw new IllegalStateException("not Brotli: " + result.getResultStatus());
      }
      return result.getDecompressedData();
    } catch (IOException e) {
      throw new UncheckedIOException("not Brotli", e);
    }
  }
}
