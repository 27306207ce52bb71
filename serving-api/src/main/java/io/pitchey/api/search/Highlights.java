package io.pitchey.api.search;

/**
 * Turns PostgreSQL's highlighted text into safe HTML. {@code ts_headline} copies the stored text
 * verbatim, markup included, so it marks matches with two control characters instead of tags; this
 * escapes the text and only then turns those characters into {@code <mark>} and {@code </mark>}. A
 * pitch's title therefore cannot inject markup into a results page.
 */
final class Highlights {
  static final char START = '\u0001';
  static final char STOP = '\u0002';

  /** The {@code ts_headline} options selecting the two markers. */
  static final String MARKERS = "StartSel=" + START + ", StopSel=" + STOP;

  private Highlights() {}

  static String toHtml(String marked) {
    StringBuilder html = new StringBuilder(marked.length() + 32);
    for (int i = 0; i < marked.length(); i++) {
      char c = marked.charAt(i);
      switch (c) {
        case START -> html.append("<mark>");
        case STOP -> html.append("</mark>");
        case '&' -> html.append("&amp;");
        case '<' -> html.append("&lt;");
        case '>' -> html.append("&gt;");
        case '"' -> html.append("&quot;");
        case '\'' -> html.append("&#39;");
        default -> html.append(c);
      }
    }
    return html.toString();
  }
}
