package io.pitchey.web.build;

import com.yahoo.platform.yui.compressor.CssCompressor;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * CSS through the YUI Compressor's CSS minifier: comments and whitespace go, colours and zero
 * lengths are shortened. It is a careful text transformation rather than a parser, so it accepts
 * any CSS, custom properties and {@code calc()} included.
 */
final class YuiCssMinifier implements Minifier {
  private static final int NO_LINE_BREAKS = -1;

  @Override
  public String minify(String name, String source) {
    try {
      StringWriter out = new StringWriter();
      new CssCompressor(new StringReader(source)).compress(out, NO_LINE_BREAKS);
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory I/O failed for " + name, e);
    }
  }
}
