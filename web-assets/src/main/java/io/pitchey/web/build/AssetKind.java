package io.pitchey.web.build;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The kinds of file the pipeline builds, in build order: a file may reference (as {@code
 * /static/<name>}) only files of an earlier kind, whose hashed names are known by then. Pages are
 * served under their own name and so are not hashed; everything else is.
 */
enum AssetKind {
  SVG("svg", "image/svg+xml", true, MarkupMinifier::svg),
  CSS("css", "text/css;charset=utf-8", true, YuiCssMinifier::new),
  JAVASCRIPT("js", "text/javascript;charset=utf-8", true, ClosureJsMinifier::new),
  PAGE("html", "text/html;charset=utf-8", false, MarkupMinifier::html);

  private final String extension;
  private final String contentType;
  private final boolean hashed;
  private final Supplier<Minifier> minifier;

  AssetKind(String extension, String contentType, boolean hashed, Supplier<Minifier> minifier) {
    this.extension = extension;
    this.contentType = contentType;
    this.hashed = hashed;
    this.minifier = minifier;
  }

  static Optional<AssetKind> of(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(kind -> lower.endsWith("." + kind.extension)).findFirst();
  }

  String extension() {
    return extension;
  }

  /**
   * The {@code Content-Type} it is served with; text types name their charset (UTF-8). Written
   * without a space before the parameter, as Jetty normalises some types, so that every response
   * carries exactly the manifest's value.
   */
  String contentType() {
    return contentType;
  }

  /** Whether its served name carries its content hash (and so may be cached forever). */
  boolean hashed() {
    return hashed;
  }

  /**
   * A new minifier for this kind; the JavaScript one is costly to create, so make one per build.
   */
  Minifier newMinifier() {
    return minifier.get();
  }
}
