package io.pitchey.api.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CachePolicyTest {

  @Test
  void pitches_are_fresh_for_fifteen_minutes_then_stale_for_one() {
    CachePolicy pitch = CachePolicy.PITCH;

    assertThat(pitch.freshness(Duration.ofMinutes(15).minusMillis(1))).isEqualTo(Freshness.FRESH);
    assertThat(pitch.freshness(Duration.ofMinutes(15))).isEqualTo(Freshness.STALE);
    assertThat(pitch.freshness(Duration.ofMinutes(16).minusMillis(1))).isEqualTo(Freshness.STALE);
    assertThat(pitch.freshness(Duration.ofMinutes(16))).isEqualTo(Freshness.EXPIRED);
  }

  @Test
  void cache_control_states_the_ttl_and_the_stale_window_in_seconds() {
    assertThat(CachePolicy.PITCH.cacheControl())
        .isEqualTo("public, max-age=900, stale-while-revalidate=60");
    assertThat(CachePolicy.USER.cacheControl())
        .isEqualTo("public, max-age=3600, stale-while-revalidate=300");
  }

  @Test
  void cache_control_adds_stale_if_error_when_the_cache_sets_a_window() {
    assertThat(CachePolicy.PITCH.withStaleIfError(Duration.ofHours(1)).cacheControl())
        .isEqualTo("public, max-age=900, stale-while-revalidate=60, stale-if-error=3600");
  }

  @Test
  void private_content_is_for_the_browser_only() {
    assertThat(CachePolicy.PRIVATE.withStaleIfError(Duration.ofHours(1)).cacheControl())
        .isEqualTo("private, no-cache");
  }

  @Test
  void an_entry_stands_in_for_a_failed_reload_until_its_stale_if_error_window_ends() {
    CachePolicy policy = CachePolicy.PITCH.withStaleIfError(Duration.ofHours(1));

    assertThat(policy.servableOnError(Duration.ofMinutes(16).plusMinutes(59))).isTrue();
    assertThat(policy.servableOnError(Duration.ofMinutes(16).plusHours(1))).isFalse();
    assertThat(policy.maxRetention()).isEqualTo(Duration.ofMinutes(76));
  }

  @Test
  void durations_must_be_whole_seconds() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CachePolicy(Duration.ofMillis(1500), Duration.ZERO));
  }
}
