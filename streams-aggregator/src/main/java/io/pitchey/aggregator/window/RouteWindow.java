package io.pitchey.aggregator.window;

import io.pitchey.aggregator.sketch.LatencySketch;
import io.pitchey.aggregator.sketch.SketchSnapshot;
import io.pitchey.ingest.event.TimingEvent;

/**
 * The running aggregate of one key's window: exact counters, a request-latency sketch and a
 * DB-time sketch (over the requests that ran a query). Immutable, so a state store never sees a
 * half-updated value; {@link #plus} returns a new window.
 */
public record RouteWindow(WindowCounters counters, SketchSnapshot latency, SketchSnapshot dbTime) {

  public static RouteWindow empty() {
    return new RouteWindow(WindowCounters.ZERO, SketchSnapshot.EMPTY, SketchSnapshot.EMPTY);
  }

  public RouteWindow plus(TimingEvent event) {
    LatencySketch lat = LatencySketch.from(latency);
    lat.accept(event.durationUs());
    SketchSnapshot db = dbTime;
    if (event.dbQueries() > 0) {
      LatencySketch dbSketch = LatencySketch.from(dbTime);
      dbSketch.accept(event.dbUs());
      db = dbSketch.snapshot();
    }
    return new RouteWindow(counters.plus(event), lat.snapshot(), db);
  }

  public boolean isEmpty() {
    return counters.requests() == 0;
  }
}
