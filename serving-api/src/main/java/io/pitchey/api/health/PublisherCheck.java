package io.pitchey.api.health;

import io.pitchey.ingest.publish.PublisherStats;
import io.pitchey.ingest.publish.TimingPublisher;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports the timing publisher's counts since start. {@code DEGRADED} once any event has been lost
 * (dropped or failed), and while events spilled to disk during a Kafka outage wait to be replayed.
 * Not critical: a Kafka outage costs measurements, never requests, so it must not take a serving
 * instance out of rotation.
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
    HealthStatus status = stats.degraded() ? HealthStatus.DEGRADED : HealthStatus.UP;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("accepted", stats.accepted());
    details.put("published", stats.published());
    details.put("buffered", stats.buffered());
    details.put("spilled", stats.spilled());
    details.put("replayed", stats.replayed());
    details.put("dropped", stats.dropped());
    details.put("failed", stats.failed());
    details.put("on_disk", stats.onDisk());
    details.put("on_disk_bytes", stats.onDiskBytes());
    return new CheckResult(status, details);
  }
}
