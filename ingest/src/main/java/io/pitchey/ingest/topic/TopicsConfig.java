package io.pitchey.ingest.topic;

import io.pitchey.config.InvalidConfigException;
import io.pitchey.config.Settings;
import java.util.Locale;
import java.util.Map;

/**
 * How this deployment's pipeline topics are created: partitions, replication and size-based
 * retention (contracts §2). Read once at start-up; a bad value stops the process with a message
 * naming the setting.
 *
 * @param partitions partitions of every pipeline topic but the cache invalidations (key {@code
 *     kafka.partitions}, 1..1024, default 6). The timing key spreads a hot route over the
 *     partitions its instances hash to, so more partitions than instances × hot routes buys
 *     nothing.
 * @param replication replication factor of every pipeline topic (key {@code kafka.replication},
 *     1..16, default 1: the single local broker; use 3 on a real cluster)
 * @param retentionBytes bytes kept per partition of the timing, dead-letter and window topics
 *     before the oldest segments are deleted (key {@code kafka.retention-bytes}, at least 1 MiB, or
 *     -1 for unlimited; default 1 GiB). Retention is by size only: see {@link Topics}.
 */
public record TopicsConfig(int partitions, short replication, long retentionBytes) {
  public static final int DEFAULT_PARTITIONS = 6;
  public static final short DEFAULT_REPLICATION = 1;
  public static final long DEFAULT_RETENTION_BYTES = 1L << 30;
  private static final long MIN_RETENTION_BYTES = 1L << 20;

  /** The defaults, to pass to {@code ConfigLayers.load} below a process's own defaults. */
  public static final Map<String, Object> DEFAULTS =
      Map.of(
          "kafka.partitions", DEFAULT_PARTITIONS,
          "kafka.replication", (int) DEFAULT_REPLICATION,
          "kafka.retention-bytes", DEFAULT_RETENTION_BYTES);

  public TopicsConfig {
    if (partitions < 1 || partitions > 1_024) {
      throw new InvalidConfigException(
          "kafka.partitions", "must be between 1 and 1024, was " + partitions);
    }
    if (replication < 1 || replication > 16) {
      throw new InvalidConfigException(
          "kafka.replication", "must be between 1 and 16, was " + replication);
    }
    if (retentionBytes != -1 && retentionBytes < MIN_RETENTION_BYTES) {
      throw new InvalidConfigException(
          "kafka.retention-bytes",
          "must be -1 (unlimited) or at least 1 MiB (1048576), was " + retentionBytes);
    }
  }

  /** The defaults: 6 partitions, replication 1, 1 GiB per partition. */
  public static TopicsConfig defaults() {
    return new TopicsConfig(DEFAULT_PARTITIONS, DEFAULT_REPLICATION, DEFAULT_RETENTION_BYTES);
  }

  /** Given partitions and replication, default retention. */
  public static TopicsConfig of(int partitions, short replication) {
    return new TopicsConfig(partitions, replication, DEFAULT_RETENTION_BYTES);
  }

  /**
   * Reads {@code kafka.partitions}, {@code kafka.replication} and {@code kafka.retention-bytes};
   * absent keys take the defaults. Retention may carry a binary unit: {@code 512m}, {@code 2g}.
   */
  public static TopicsConfig from(Settings settings) {
    int partitions =
        settings.has("kafka.partitions")
            ? settings.integer("kafka.partitions", 1, 1_024)
            : DEFAULT_PARTITIONS;
    short replication =
        settings.has("kafka.replication")
            ? (short) settings.integer("kafka.replication", 1, 16)
            : DEFAULT_REPLICATION;
    long retention =
        settings.has("kafka.retention-bytes")
            ? bytes(settings, "kafka.retention-bytes")
            : DEFAULT_RETENTION_BYTES;
    try {
      return new TopicsConfig(partitions, replication, retention);
    } catch (InvalidConfigException e) {
      throw settings.invalid(e.setting(), problemOf(e));
    }
  }

  private static String problemOf(InvalidConfigException e) {
    String message = e.getMessage();
    String prefix = "invalid configuration: " + e.setting() + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  private static long bytes(Settings settings, String key) {
    String raw = settings.string(key).toLowerCase(Locale.ROOT).replace("_", "");
    long unit = 1;
    String number = raw;
    if (raw.endsWith("k") || raw.endsWith("m") || raw.endsWith("g") || raw.endsWith("t")) {
      unit = 1L << (10 * ("kmgt".indexOf(raw.charAt(raw.length() - 1)) + 1));
      number = raw.substring(0, raw.length() - 1).strip();
    }
    try {
      return Math.multiplyExact(Long.parseLong(number), number.equals("-1") ? 1 : unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw settings.invalid(key, "must be a number of bytes (e.g. 1073741824 or 1g) or -1");
    }
  }
}
