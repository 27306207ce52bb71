package io.pitchey.api.health;

import io.pitchey.ingest.publish.PublisherStats;
import io.pitchey.ingest.publish.TimingPublisher;
import java.util.Map;

/**
 * Reports the timing publisher's counts since start. {@code DEGRADED} once any event has been lost
 * (failed or overflowed). Not critical: a Kafka outage costs measurements, never requests, so it
 * must not take a serving instance out of rotation.
 */
public final class PublisherCheck implements HealthCheck {
  private final TimingPublisher publisher;

  public PublisherCheck(TimingPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public String name() {
    return "publisher";
  }

  @Override
  public boolean critical() {
    return false;
  }

  @Override
  public CheckResult check() {
    PublisherStats stats = publisher.stats();
    HealthStatus status =
        stats.failed() + stats.overflowed() > 0 ? HealthStatus.DEGRADED : HealthStatus.UP;
    return new CheckResult(
        status,
        Map.of(
            "accepted", stats.accepted(),
            "delivered", stats.delivered(),
            "failed", stats.failed(),
            "overflowed", stats.overflowed(),
            "pending", stats.pending()));
  }
}
