package io.pitchey.aggregator.topology;

import java.time.Duration;

/**
 * Window geometry (contracts §5). Tests use seconds; production uses 1 minute windows, 30 s grace
 * and provisional values every 5 s.
 *
 * @param size tumbling window length; must divide a day so windows align to wall-clock minutes
 * @param grace how long after a window's end events are still added to it rather than corrected
 * @param provisionalInterval how often open windows publish their running values
 */
public record WindowSettings(Duration size, Duration grace, Duration provisionalInterval) {
  public static final WindowSettings DEFAULT =
      new WindowSettings(Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(5));

  public WindowSettings {
    if (size.toMillis() < 1000 || Duration.ofDays(1).toMillis() % size.toMillis() != 0) {
      throw new IllegalArgumentException(
          "window size must be >= 1 s and divide a day, was " + size);
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must be >= 0, was " + grace);
    }
    if (provisionalInterval.toMillis() < 100) {
      throw new IllegalArgumentException(
          "provisional interval must be >= 100 ms, was " + provisionalInterval);
    }
  }

  long startOf(long timestampMs) {
    return timestampMs - Math.floorMod(timestampMs, size.toMillis());
  }
}
