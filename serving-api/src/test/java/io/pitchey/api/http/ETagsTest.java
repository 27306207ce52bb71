package io.pitchey.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ETagsTest {
  private final String etag = ETags.of("body".getBytes(StandardCharsets.UTF_8));

  @Test
  void a_tag_is_a_quoted_stable_digest_of_the_bytes() {
    assertThat(etag)
        .matches("\"[A-Za-z0-9_-]{22}\"")
        .isEqualTo(ETags.of("body".getBytes(StandardCharsets.UTF_8)));
    assertThat(ETags.of("other".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(etag);
  }

  @Test
  void if_none_match_matches_any_listed_tag_weak_or_strong_or_a_star() {
    assertThat(ETags.matches(etag, etag)).isTrue();
    assertThat(ETags.matches("\"x\", W/" + etag, etag)).isTrue();
    assertThat(ETags.matches("*", etag)).isTrue();
    assertThat(ETags.matches("\"x\"", etag)).isFalse();
    assertThat(ETags.matches(null, etag)).isFalse();
  }
}
