package io.pitchey.api.support;

import static org.awaitility.Awaitility.await;

import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.publish.PublisherStats;
import io.pitchey.ingest.publish.TimingPublisher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every published event in memory. Events arrive after the response, so wait for them. */
public final class RecordingPublisher implements TimingPublisher {
  private final List<TimingEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void publish(TimingEvent event) {
    events.add(event);
  }

  /** Every event published so far. */
  public List<TimingEvent> all() {
    return List.copyOf(events);
  }

  /** The events of one request, once at least one has arrived (at most 5 s). */
  public List<TimingEvent> awaitEventsOf(String requestId) {
    return await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> events.stream().filter(e -> e.requestId().equals(requestId)).toList(),
            list -> !list.isEmpty());
  }

  /** The single event of one request. */
  public TimingEvent awaitEventOf(String requestId) {
    List<TimingEvent> events = awaitEventsOf(requestId);
    if (events.size() != 1) {
      throw new AssertionError("expected one event for " + requestId + ", got " + events);
    }
    return events.get(0);
  }

  @Override
  public PublisherStats stats() {
    return new PublisherStats(events.size(), events.size(), 0, 0, 0);
  }

  @Override
  public void close() {}
}
