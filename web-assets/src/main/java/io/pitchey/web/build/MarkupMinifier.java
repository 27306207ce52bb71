package io.pitchey.web.build;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A conservative minifier for HTML and SVG, written here because the markup minifiers on Maven
 * Central are unmaintained. It only removes what cannot matter:
 *
 * <ul>
 *   <li>comments (not conditional comments);
 *   <li>whitespace between attributes, outside quoted values;
 *   <li>whitespace-only text beside a tag around which whitespace is never rendered (block-level
 *       HTML elements, every SVG element but text), and runs of whitespace elsewhere, which become
 *       one space, as a browser would render them.
 * </ul>
 *
 * The content of {@code script}, {@code style}, {@code pre} and {@code textarea} is kept verbatim.
 */
final class MarkupMinifier implements Minifier {
  private static final Pattern VERBATIM =
      Pattern.compile(
          "<(script|style|pre|textarea)\\b[^>]*>.*?</\\1\\s*>",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern COMMENT = Pattern.compile("<!--(?!\\[if).*?-->", Pattern.DOTALL);
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern TAG_NAME = Pattern.compile("^</?\\s*([A-Za-z][A-Za-z0-9-]*)");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private static final Set<String> HTML_BLOCKS =
      Set.of(
          "html",
          "head",
          "body",
          "title",
          "meta",
          "link",
          "script",
          "style",
          "base",
          "header",
          "footer",
          "main",
          "nav",
          "section",
          "article",
          "aside",
          "div",
          "p",
          "ul",
          "ol",
          "li",
          "dl",
          "dt",
          "dd",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "table",
          "thead",
          "tbody",
          "tr",
          "td",
          "th",
          "form",
          "fieldset",
          "figure",
          "figcaption",
          "hr",
          "br",
          "noscript");
  private static final Set<String> SVG_TEXT = Set.of("text", "tspan", "textpath");

  private final boolean svg;

  private MarkupMinifier(boolean svg) {
    this.svg = svg;
  }

  static MarkupMinifier html() {
    return new MarkupMinifier(false);
  }

  static MarkupMinifier svg() {
    return new MarkupMinifier(true);
  }

  @Override
  public String minify(String name, String source) {
    StringBuilder out = new StringBuilder(source.length());
    Matcher verbatim = VERBATIM.matcher(source);
    int from = 0;
    while (verbatim.find()) {
      out.append(minifyMarkup(source.substring(from, verbatim.start())));
      out.append(verbatim.group());
      from = verbatim.end();
    }
    out.append(minifyMarkup(source.substring(from)));
    return out.toString().strip();
  }

  /** Markup without verbatim elements: tags and the text between them. */
  private String minifyMarkup(String markup) {
    String uncommented = COMMENT.matcher(markup).replaceAll("");
    StringBuilder out = new StringBuilder(uncommented.length());
    Matcher tag = TAG.matcher(uncommented);
    int from = 0;
    String previousTag = null;
    while (tag.find()) {
      out.append(text(uncommented.substring(from, tag.start()), previousTag, tag.group()));
      out.append(compactTag(tag.group()));
      previousTag = tag.group();
      from = tag.end();
    }
    out.append(text(uncommented.substring(from), previousTag, null));
    return out.toString();
  }

  private String text(String text, String before, String after) {
    if (text.isBlank() && (ignoresWhitespace(before) || ignoresWhitespace(after))) {
      return "";
    }
    return WHITESPACE.matcher(text).replaceAll(" ");
  }

  /** True for a tag beside which whitespace is never rendered; an edge of the text counts too. */
  private boolean ignoresWhitespace(String tag) {
    if (tag == null) {
      return true;
    }
    Matcher name = TAG_NAME.matcher(tag);
    if (!name.find()) {
      return tag.startsWith("<!");
    }
    String element = name.group(1).toLowerCase(Locale.ROOT);
    return svg ? !SVG_TEXT.contains(element) : HTML_BLOCKS.contains(element);
  }

  /** The tag with each run of whitespace outside quoted values made one space. */
  private static String compactTag(String tag) {
    StringBuilder out = new StringBuilder(tag.length());
    char quote = 0;
    boolean pendingSpace = false;
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      if (quote == 0 && Character.isWhitespace(c)) {
        pendingSpace = true;
        continue;
      }
      if (pendingSpace && c != '>') {
        out.append(' ');
      }
      pendingSpace = false;
      if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
      out.append(c);
    }
    return out.toString();
  }
}
