package io.pitchey.aggregator.window;

import java.util.Comparator;
import java.util.Objects;

/**
 * One slow request of a window, kept so that a latency spike can be traced to actual requests.
 *
 * @param requestId the request's id, as in its timing event
 * @param durationUs its duration, µs
 */
public record Exemplar(String requestId, long durationUs) {

  /** Slowest first; equal durations by request id, so every merge order keeps the same ones. */
  static final Comparator<Exemplar> SLOWEST_FIRST =
      Comparator.comparingLong(Exemplar::durationUs).reversed().thenComparing(Exemplar::requestId);

  public Exemplar {
    Objects.requireNonNull(requestId, "request_id is required");
    if (requestId.isEmpty()) {
      throw new IllegalArgumentException("request_id must not be empty");
    }
    if (durationUs < 0) {
      throw new IllegalArgumentException("duration_us must be >= 0, was " + durationUs);
    }
  }
}
