package io.pitchey.aggregator.window;

import io.pitchey.aggregator.sketch.LatencySketch;
import io.pitchey.aggregator.sketch.SketchSnapshot;
import io.pitchey.ingest.event.TimingEvent;
import java.util.List;

/**
 * The running aggregate of one key's window: exact counters, a request-latency sketch and a DB-time
 * sketch (over the requests that ran a query). Immutable, so a state store never sees a
 * half-updated value; {@link #plus} returns a new window.
 */
public record RouteWindow(WindowCounters counters, SketchSnapshot latency, SketchSnapshot dbTime) {

  public static RouteWindow empty() {
    return new RouteWindow(WindowCounters.ZERO, SketchSnapshot.EMPTY, SketchSnapshot.EMPTY);
  }

  public RouteWindow plus(TimingEvent event) {
    return plus(List.of(event));
  }

  /** Adds several events at the cost of one sketch copy in and out, however many there are. */
  public RouteWindow plus(List<TimingEvent> events) {
    WindowCounters sum = counters;
    LatencySketch lat = LatencySketch.from(latency);
    LatencySketch db = null;
    for (TimingEvent event : events) {
      sum = sum.plus(event);
      lat.accept(event.durationUs());
      if (event.dbQueries() > 0) {
        if (db == null) {
          db = LatencySketch.from(dbTime);
        }
        db.accept(event.dbUs());
      }
    }
    return new RouteWindow(sum, lat.snapshot(), db == null ? dbTime : db.snapshot());
  }

  public boolean isEmpty() {
    return counters.requests() == 0;
  }
}
