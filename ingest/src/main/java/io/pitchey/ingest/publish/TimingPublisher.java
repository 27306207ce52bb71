package io.pitchey.ingest.publish;

import io.pitchey.ingest.event.TimingEvent;

/**
 * Where the serving API hands each request's timing. Implementations must return at once and never
 * throw: telemetry may not slow or fail a request.
 */
public interface TimingPublisher extends AutoCloseable {

  void publish(TimingEvent event);

  /** Counts since start, for health checks and metrics. */
  PublisherStats stats();

  @Override
  void close();
}
