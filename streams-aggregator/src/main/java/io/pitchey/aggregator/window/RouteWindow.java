package io.pitchey.aggregator.window;

import io.pitchey.aggregator.sketch.LatencySketch;
import io.pitchey.aggregator.sketch.SketchSnapshot;
import io.pitchey.ingest.event.TimingEvent;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The running aggregate of one key's window: exact counters, a request-latency sketch, a DB-time
 * sketch (over the requests that ran a query), the failures by error type and the slowest requests.
 * Immutable, so a state store never sees a half-updated value; {@link #plus} returns a new window.
 */
public record RouteWindow(
    WindowCounters counters,
    SketchSnapshot latency,
    SketchSnapshot dbTime,
    ErrorTypes errorTypes,
    Exemplars exemplars) {

  /** Windows stored or published before error types and exemplars existed read as having none. */
  public RouteWindow(
      WindowCounters counters,
      SketchSnapshot latency,
      SketchSnapshot dbTime,
      @Nullable ErrorTypes errorTypes,
      @Nullable Exemplars exemplars) {
    this.counters = counters;
    this.latency = latency;
    this.dbTime = dbTime;
    this.errorTypes = errorTypes == null ? ErrorTypes.NONE : errorTypes;
    this.exemplars = exemplars == null ? Exemplars.NONE : exemplars;
  }

  public static RouteWindow empty() {
    return new RouteWindow(
        WindowCounters.ZERO,
        SketchSnapshot.EMPTY,
        SketchSnapshot.EMPTY,
        ErrorTypes.NONE,
        Exemplars.NONE);
  }

  public RouteWindow plus(TimingEvent event) {
    return plus(List.of(event));
  }

  /** The window with these events added; the counting itself is {@link OpenWindow}'s. */
  public RouteWindow plus(List<TimingEvent> events) {
    return OpenWindow.of(this).add(events).snapshot();
  }

  /**
   * The window holding both windows' requests, as a final row and its corrections add up: counters
   * summed, sketches merged, error types summed (within their bound), the slowest of both kept.
   */
  public RouteWindow plus(RouteWindow other) {
    LatencySketch lat = LatencySketch.from(latency);
    lat.merge(LatencySketch.from(other.latency));
    LatencySketch db = LatencySketch.from(dbTime);
    db.merge(LatencySketch.from(other.dbTime));
    return new RouteWindow(
        counters.plus(other.counters),
        lat.snapshot(),
        db.snapshot(),
        errorTypes.plus(other.errorTypes),
        exemplars.plus(other.exemplars));
  }

  public boolean isEmpty() {
    return counters.requests() == 0;
  }
}
