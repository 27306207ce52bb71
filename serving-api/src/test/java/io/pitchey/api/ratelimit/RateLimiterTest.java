package io.pitchey.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitchey.api.support.MutableClock;
import io.pitchey.config.InvalidConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final MutableClock clock = MutableClock.atNow();
  private final RateLimiter limiter =
      new RateLimiter(new RateLimitSettings(true, 10, 20, 100), clock);

  @Test
  void retry_after_is_the_time_to_the_next_token_rounded_up_to_whole_seconds() {
    RateLimiter slow = new RateLimiter(new RateLimitSettings(true, 1, 1, 100), clock);
    slow.tryAcquire("a");
    clock.advance(Duration.ofMillis(100));

    RateLimiter.Verdict refused = slow.tryAcquire("a");

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(900));
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void an_idle_caller_is_forgotten_once_its_bucket_would_be_full_again() {
    limiter.tryAcquire("a");
    limiter.tryAcquire("b");
    assertThat(limiter.callers()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(2)); // 20 tokens at 10 a second: full after 2 s
    limiter.tryAcquire("b");
    clock.advance(Duration.ofMillis(1_500)); // a: idle for 3.5 s, beyond the 1 s margin

    assertThat(limiter.callers()).isEqualTo(1);
  }

  @Test
  void the_number_of_callers_kept_is_bounded() {
    for (int i = 0; i < 1_000; i++) {
      limiter.tryAcquire("caller-" + i);
    }

    assertThat(limiter.callers()).isLessThanOrEqualTo(100);
  }

  @Test
  void a_burst_below_the_rate_is_refused_naming_the_setting() {
    assertThatThrownBy(() -> new RateLimitSettings(true, 10, 5, 100))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("ratelimit.burst");
  }
}
