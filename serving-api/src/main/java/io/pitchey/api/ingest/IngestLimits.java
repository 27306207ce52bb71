package io.pitchey.api.ingest;

import io.pitchey.config.InvalidConfigException;
import io.pitchey.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * How much one {@code POST /api/ingest/timings} may carry (more is refused with 413 before any
 * event is published), and which event times it takes (others are refused lines).
 *
 * @param maxBytes largest body, bytes (key {@code ingest.max-bytes}, 1 KiB..64 MiB, default 1 MiB)
 * @param maxLines most non-blank lines (key {@code ingest.max-lines}, 1..1,000,000, default 5,000);
 *     a line holds one event (a JSON array line is a refused line), so this also bounds the events
 * @param maxFutureSkew how far ahead of the server clock an event's {@code ts_us} may be (key
 *     {@code ingest.max-future-skew}, 0..1h, default 1m): later ones are refused, since they would
 *     push the live aggregator's stream time forward for good
 * @param maxAge how far behind the server clock an event's {@code ts_us} may be (key {@code
 *     ingest.max-age}, 1s..7d, default 1h): older history belongs to {@code pitchey backfill}
 */
public record IngestLimits(int maxBytes, int maxLines, Duration maxFutureSkew, Duration maxAge) {
  public static final int DEFAULT_MAX_BYTES = 1 << 20;
  public static final int DEFAULT_MAX_LINES = 5_000;
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(1);
  public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);
  private static final Duration MAX_FUTURE_SKEW_LIMIT = Duration.ofHours(1);
  private static final Duration MAX_AGE_LIMIT = Duration.ofDays(7);

  public IngestLimits {
    if (maxBytes < 1_024 || maxBytes > 64 << 20) {
      throw new InvalidConfigException(
          "ingest.max-bytes", "must be between 1024 and 67108864, was " + maxBytes);
    }
    if (maxLines < 1 || maxLines > 1_000_000) {
      throw new InvalidConfigException(
          "ingest.max-lines", "must be between 1 and 1000000, was " + maxLines);
    }
    Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxFutureSkew.isNegative() || maxFutureSkew.compareTo(MAX_FUTURE_SKEW_LIMIT) > 0) {
      throw new InvalidConfigException(
          "ingest.max-future-skew", "must be between 0s and 1h, was " + maxFutureSkew);
    }
    if (maxAge.compareTo(Duration.ofSeconds(1)) < 0 || maxAge.compareTo(MAX_AGE_LIMIT) > 0) {
      throw new InvalidConfigException(
          "ingest.max-age", "must be between 1s and 7d, was " + maxAge);
    }
  }

  /** The given size limits and the default time window. */
  public IngestLimits(int maxBytes, int maxLines) {
    this(maxBytes, maxLines, DEFAULT_MAX_FUTURE_SKEW, DEFAULT_MAX_AGE);
  }

  public static IngestLimits defaults() {
    return new IngestLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_LINES);
  }

  /**
   * Reads {@code ingest.max-bytes}, {@code ingest.max-lines}, {@code ingest.max-future-skew} and
   * {@code ingest.max-age}; absent keys take the defaults.
   */
  public static IngestLimits from(Settings settings) {
    return new IngestLimits(
        settings.has("ingest.max-bytes")
            ? settings.integer("ingest.max-bytes", 1_024, 64 << 20)
            : DEFAULT_MAX_BYTES,
        settings.has("ingest.max-lines")
            ? settings.integer("ingest.max-lines", 1, 1_000_000)
            : DEFAULT_MAX_LINES,
        settings.has("ingest.max-future-skew")
            ? settings.duration("ingest.max-future-skew", Duration.ZERO)
            : DEFAULT_MAX_FUTURE_SKEW,
        settings.has("ingest.max-age")
            ? settings.duration("ingest.max-age", Duration.ofSeconds(1))
            : DEFAULT_MAX_AGE);
  }
}
