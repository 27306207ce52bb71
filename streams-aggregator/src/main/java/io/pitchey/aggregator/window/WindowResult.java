package io.pitchey.aggregator.window;

import io.pitchey.ingest.event.EventKey;
import java.time.Instant;

/**
 * One record of {@code pitchey.route-windows.v1}: a key's window, what kind of result it is, and
 * its aggregate. Windows are half-open, [start, end).
 */
public record WindowResult(
    WindowKind kind, EventKey key, Instant windowStart, Instant windowEnd, RouteWindow window) {
  public WindowResult {
    if (!windowEnd.isAfter(windowStart)) {
      throw new IllegalArgumentException(
          "window end " + windowEnd + " is not after its start " + windowStart);
    }
  }
}
