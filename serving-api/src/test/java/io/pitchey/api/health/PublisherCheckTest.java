package io.pitchey.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.publish.PublisherStats;
import io.pitchey.ingest.publish.TimingPublisher;
import org.junit.jupiter.api.Test;

class PublisherCheckTest {

  @Test
  void up_while_everything_is_published_and_every_counter_is_reported() {
    CheckResult result = check(new PublisherStats(10, 8, 2, 5, 5, 0, 0, 0, 0));
    assertThat(result.status()).isEqualTo(HealthStatus.UP);
    assertThat(result.details())
        .containsEntry("accepted", 10L)
        .containsEntry("published", 8L)
        .containsEntry("buffered", 2L)
        .containsEntry("spilled", 5L)
        .containsEntry("replayed", 5L)
        .containsEntry("dropped", 0L)
        .containsEntry("failed", 0L)
        .containsEntry("on_disk", 0L)
        .containsEntry("on_disk_bytes", 0L);
  }

  @Test
  void degraded_while_spilled_events_wait_for_replay() {
    assertThat(check(new PublisherStats(10, 0, 0, 10, 0, 0, 0, 10, 3500)).status())
        .isEqualTo(HealthStatus.DEGRADED);
  }

  @Test
  void degraded_once_anything_was_dropped_or_failed() {
    assertThat(check(new PublisherStats(10, 9, 0, 0, 0, 1, 0, 0, 0)).status())
        .isEqualTo(HealthStatus.DEGRADED);
    assertThat(check(new PublisherStats(10, 9, 0, 0, 0, 0, 1, 0, 0)).status())
        .isEqualTo(HealthStatus.DEGRADED);
  }

  @Test
  void never_critical() {
    assertThat(new PublisherCheck(publisher(PublisherStats.zero())).critical()).isFalse();
  }

  private static CheckResult check(PublisherStats stats) {
    return new PublisherCheck(publisher(stats)).check();
  }

  private static TimingPublisher publisher(PublisherStats stats) {
    return new TimingPublisher() {
      @Override
      public void publish(TimingEvent event) {}

      @Override
      public PublisherStats stats() {
        return stats;
      }

      @Override
      public void close() {}
    };
  }
}
