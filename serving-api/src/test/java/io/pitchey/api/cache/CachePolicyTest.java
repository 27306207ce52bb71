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
  void durations_must_be_whole_seconds() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CachePolicy(Duration.ofMillis(1500), Duration.ZERO));
  }
}
