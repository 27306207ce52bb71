package io.pitchey.web.build;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkupMinifierTest {
  private final Minifier html = MarkupMinifier.html();

  @Test
  void whitespace_between_blocks_and_comments_go() {
    assertThat(html.minify("t.html", "<ul>\n  <!-- note -->\n  <li>a</li>\n  <li>b</li>\n</ul>\n"))
        .isEqualTo("<ul><li>a</li><li>b</li></ul>");
  }

  @Test
  void whitespace_between_inline_elements_stays_as_one_space() {
    assertThat(html.minify("t.html", "<p><a href=\"/x\">x</a>\n   <code>y</code>  z</p>"))
        .isEqualTo("<p><a href=\"/x\">x</a> <code>y</code> z</p>");
  }

  @Test
  void quoted_attribute_values_and_verbatim_elements_are_untouched() {
    String source =
        "<div\n   title=\"two  spaces\"\n   class='a   b'>\n<pre>  keep\n   this </pre>\n"
            + "<script>  let  a = 1;\n</script></div>";

    assertThat(html.minify("t.html", source))
        .isEqualTo(
            "<div title=\"two  spaces\" class='a   b'><pre>  keep\n   this </pre>"
                + "<script>  let  a = 1;\n</script></div>");
  }

  @Test
  void svg_keeps_whitespace_only_inside_text() {
    assertThat(
            MarkupMinifier.svg()
                .minify("t.svg", "<svg>\n  <g>\n    <text> a  b </text>\n  </g>\n</svg>"))
        .isEqualTo("<svg><g><text> a b </text></g></svg>");
  }
}
