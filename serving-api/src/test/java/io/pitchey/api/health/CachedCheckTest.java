package io.pitchey.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitchey.api.support.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedCheckTest {
  private final MutableClock clock = MutableClock.atNow();
  private final AtomicInteger runs = new AtomicInteger();
  private final HealthCheck counting =
      new HealthCheck() {
        @Override
        public String name() {
          return "counting";
        }

        @Override
        public boolean critical() {
          return true;
        }

        @Override
        public CheckResult check() {
          return new CheckResult(HealthStatus.UP, Map.of("run", runs.incrementAndGet()));
        }
      };

  @Test
  void polls_within_a_second_reuse_one_result() {
    CachedCheck check = new CachedCheck(counting, clock);

    CheckResult first = check.check();
    clock.advance(Duration.ofMillis(999));
    CheckResult second = check.check();

    assertThat(runs).hasValue(1);
    assertThat(second).isSameAs(first);
  }

  @Test
  void a_result_a_second_old_is_checked_again() {
    CachedCheck check = new CachedCheck(counting, clock);
    check.check();

    clock.advance(CachedCheck.FRESH_FOR);

    assertThat(check.check().details()).containsEntry("run", 2);
    assertThat(runs).hasValue(2);
  }

  @Test
  void the_name_and_criticality_are_the_checks_own() {
    CachedCheck check = new CachedCheck(counting, clock);

    assertThat(check.name()).isEqualTo("counting");
    assertThat(check.critical()).isTrue();
  }
}
