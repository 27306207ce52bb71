package io.pitchey.api.ingest;

import io.pitchey.config.InvalidConfigException;
import io.pitchey.config.Settings;

/**
 * How much one {@code POST /api/ingest/timings} may carry; more is refused with 413 before any
 * event is published.
 *
 * @param maxBytes largest body, bytes (key {@code ingest.max-bytes}, 1 KiB..64 MiB, default 1 MiB)
 * @param maxLines most non-blank lines (key {@code ingest.max-lines}, 1..1,000,000, default 5,000)
 */
public record IngestLimits(int maxBytes, int maxLines) {
  public static final int DEFAULT_MAX_BYTES = 1 << 20;
  public static final int DEFAULT_MAX_LINES = 5_000;

  public IngestLimits {
    if (maxBytes < 1_024 || maxBytes > 64 << 20) {
      throw new InvalidConfigException(
          "ingest.max-bytes", "must be between 1024 and 67108864, was " + maxBytes);
    }
    if (maxLines < 1 || maxLines > 1_000_000) {
      throw new InvalidConfigException(
          "ingest.max-lines", "must be between 1 and 1000000, was " + maxLines);
    }
  }

  public static IngestLimits defaults() {
    return new IngestLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_LINES);
  }

  /** Reads {@code ingest.max-bytes} and {@code ingest.max-lines}; absent keys take the defaults. */
  public static IngestLimits from(Settings settings) {
    return new IngestLimits(
        settings.has("ingest.max-bytes")
            ? settings.integer("ingest.max-bytes", 1_024, 64 << 20)
            : DEFAULT_MAX_BYTES,
        settings.has("ingest.max-lines")
            ? settings.integer("ingest.max-lines", 1, 1_000_000)
            : DEFAULT_MAX_LINES);
  }
}
