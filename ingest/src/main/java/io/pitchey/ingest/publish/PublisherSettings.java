package io.pitchey.ingest.publish;

import io.pitchey.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How the timing publisher buffers, spills and sends. Validated on construction; read once at
 * start-up with {@link #from(Settings)} (keys under {@code publisher.}, every one optional).
 *
 * @param queueCapacity events the in-memory hand-off queue holds ({@code publisher.queue-capacity})
 * @param spillDirectory where the disk buffer lives; the publisher uses one sub-directory per topic
 *     ({@code publisher.spill-dir})
 * @param spillBudgetBytes the most the disk buffer may hold, in bytes; events beyond it are dropped
 *     and counted ({@code publisher.spill-budget-bytes}, e.g. {@code 256MiB})
 * @param spillSegmentBytes the size at which a spill segment file is rolled ({@code
 *     publisher.spill-segment-bytes})
 * @param spillFsyncInterval the longest a spilled event may sit in the page cache before an fsync
 *     ({@code publisher.spill-fsync-interval})
 * @param stallTimeout events sent but unacknowledged for this long mean Kafka is away or slow: new
 *     events go to disk ({@code publisher.stall-timeout})
 * @param replayBackoff wait between attempts to replay the disk buffer while Kafka is away ({@code
 *     publisher.replay-backoff})
 * @param closeTimeout the bound on a clean shutdown's flush; what is not acknowledged by then is
 *     spilled ({@code publisher.close-timeout})
 * @param flushInterval how long the sender gathers events before it sends them, as one record per
 *     key: the sender wakes once per interval, not once per event, and the broker gets a few large
 *     records instead of many small ones. A burst wakes it sooner ({@code
 *     publisher.flush-interval})
 * @param linger producer {@code linger.ms} ({@code publisher.linger})
 * @param batchBytes producer {@code batch.size} ({@code publisher.batch-bytes})
 * @param compression producer {@code compression.type}: none, gzip, snappy, lz4 or zstd ({@code
 *     publisher.compression})
 * @param bufferBytes producer {@code buffer.memory} ({@code publisher.buffer-bytes})
 * @param maxBlock producer {@code max.block.ms}: the longest the sender thread waits in {@code
 *     send} for metadata or buffer space ({@code publisher.max-block})
 * @param requestTimeout producer {@code request.timeout.ms} ({@code publisher.request-timeout})
 * @param deliveryTimeout producer {@code delivery.timeout.ms}: after this a sent event comes back
 *     failed and is spilled ({@code publisher.delivery-timeout})
 */
public record PublisherSettings(
    int queueCapacity,
    Path spillDirectory,
    long spillBudgetBytes,
    long spillSegmentBytes,
    Duration spillFsyncInterval,
    Duration stallTimeout,
    Duration replayBackoff,
    Duration closeTimeout,
    Duration flushInterval,
    Duration linger,
    int batchBytes,
    String compression,
    long bufferBytes,
    Duration maxBlock,
    Duration requestTimeout,
    Duration deliveryTimeout) {

  /** 65,536 events: ~13 s of 5,000 req/s while the sender is busy elsewhere. */
  public static final int DEFAULT_QUEUE_CAPACITY = 65_536;

  /**
   * 256 MiB: a 60 s outage at 5,000 req/s is 300,000 events of ~350 bytes (+ 8 bytes framing) =
   * ~107 MB, so the default holds more than twice that.
   */
  public static final long DEFAULT_SPILL_BUDGET_BYTES = 256L << 20;

  public static final long DEFAULT_SPILL_SEGMENT_BYTES = 8L << 20;

  /**
   * 50 ms: at 5,000 req/s a record of ~250 events (~90 KB of JSON before lz4) per key and interval,
   * twenty sends a second; an event reaches Kafka at most this much later than it would otherwise.
   */
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(50);

  private static final Set<String> COMPRESSIONS = Set.of("none", "gzip", "snappy", "lz4", "zstd");
  private static final Duration MAX_DURATION = Duration.ofHours(1);

  public PublisherSettings {
    Objects.requireNonNull(spillDirectory, "spillDirectory");
    Objects.requireNonNull(compression, "compression");
    requireBetween("queueCapacity", queueCapacity, 1, 10_000_000);
    requireBetween("spillBudgetBytes", spillBudgetBytes, 4096, 1L << 40);
    requireBetween("spillSegmentBytes", spillSegmentBytes, 1024, 1L << 30);
    if (spillSegmentBytes > spillBudgetBytes) {
      throw new IllegalArgumentException(
          "spillSegmentBytes ("
              + spillSegmentBytes
              + ") must not exceed spillBudgetBytes ("
              + spillBudgetBytes
              + ")");
    }
    requireDuration("spillFsyncInterval", spillFsyncInterval, Duration.ZERO);
    requireDuration("stallTimeout", stallTimeout, Duration.ofMillis(10));
    requireDuration("replayBackoff", replayBackoff, Duration.ofMillis(10));
    requireDuration("closeTimeout", closeTimeout, Duration.ZERO);
    requireDuration("flushInterval", flushInterval, Duration.ofMillis(1));
    requireDuration("linger", linger, Duration.ZERO);
    requireBetween("batchBytes", batchBytes, 1024, 64 << 20);
    compression = compression.toLowerCase(Locale.ROOT);
    if (!COMPRESSIONS.contains(compression)) {
      throw new IllegalArgumentException(
          "compression must be one of " + COMPRESSIONS + ", was '" + compression + "'");
    }
    requireBetween("bufferBytes", bufferBytes, 1L << 20, 1L << 34);
    requireDuration("maxBlock", maxBlock, Duration.ZERO);
    requireDuration("requestTimeout", requestTimeout, Duration.ofMillis(100));
    requireDuration("deliveryTimeout", deliveryTimeout, Duration.ofMillis(100));
    if (deliveryTimeout.compareTo(linger.plus(requestTimeout)) < 0) {
      throw new IllegalArgumentException(
          "deliveryTimeout must be at least linger + requestTimeout (Kafka's rule), was "
              + deliveryTimeout);
    }
  }

  /** The defaults, spilling under {@code <java.io.tmpdir>/pitchey-spill}. */
  public static PublisherSettings defaults() {
    return new PublisherSettings(
        DEFAULT_QUEUE_CAPACITY,
        Path.of(System.getProperty("java.io.tmpdir"), "pitchey-spill"),
        DEFAULT_SPILL_BUDGET_BYTES,
        DEFAULT_SPILL_SEGMENT_BYTES,
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        DEFAULT_FLUSH_INTERVAL,
        Duration.ofMillis(10),
        256 * 1024,
        "lz4",
        64L << 20,
        Duration.ofMillis(500),
        Duration.ofSeconds(10),
        Duration.ofSeconds(120));
  }

  /**
   * Reads {@code publisher.*}; every key is optional and falls back to {@link #defaults()}. Sizes
   * accept a plain byte count or a {@code KiB}/{@code MiB}/{@code GiB} suffix ({@code 256MiB}).
   *
   * @throws io.pitchey.config.InvalidConfigException naming the setting if a value is unusable
   */
  public static PublisherSettings from(Settings settings) {
    PublisherSettings d = defaults();
    try {
      return new PublisherSettings(
          settings.has("publisher.queue-capacity")
              ? settings.integer("publisher.queue-capacity", 1, 10_000_000)
              : d.queueCapacity(),
          settings.has("publisher.spill-dir")
              ? Path.of(settings.string("publisher.spill-dir"))
              : d.spillDirectory(),
          bytes(settings, "publisher.spill-budget-bytes", d.spillBudgetBytes()),
          bytes(settings, "publisher.spill-segment-bytes", d.spillSegmentBytes()),
          duration(settings, "publisher.spill-fsync-interval", d.spillFsyncInterval()),
          duration(settings, "publisher.stall-timeout", d.stallTimeout()),
          duration(settings, "publisher.replay-backoff", d.replayBackoff()),
          duration(settings, "publisher.close-timeout", d.closeTimeout()),
          duration(settings, "publisher.flush-interval", d.flushInterval()),
          duration(settings, "publisher.linger", d.linger()),
          (int)
              Math.min(Integer.MAX_VALUE, bytes(settings, "publisher.batch-bytes", d.batchBytes())),
          settings.has("publisher.compression")
              ? settings.string("publisher.compression")
              : d.compression(),
          bytes(settings, "publisher.buffer-bytes", d.bufferBytes()),
          duration(settings, "publisher.max-block", d.maxBlock()),
          duration(settings, "publisher.request-timeout", d.requestTimeout()),
          duration(settings, "publisher.delivery-timeout", d.deliveryTimeout()));
    } catch (IllegalArgumentException e) {
      throw settings.invalid("publisher", e.getMessage());
    }
  }

  public PublisherSettings withQueueCapacity(int capacity) {
    return new PublisherSettings(
        capacity,
        spillDirectory,
        spillBudgetBytes,
        spillSegmentBytes,
        spillFsyncInterval,
        stallTimeout,
        replayBackoff,
        closeTimeout,
        flushInterval,
        linger,
        batchBytes,
        compression,
        bufferBytes,
        maxBlock,
        requestTimeout,
        deliveryTimeout);
  }

  public PublisherSettings withSpill(Path directory, long budgetBytes, long segmentBytes) {
    return new PublisherSettings(
        queueCapacity,
        directory,
        budgetBytes,
        segmentBytes,
        spillFsyncInterval,
        stallTimeout,
        replayBackoff,
        closeTimeout,
        flushInterval,
        linger,
        batchBytes,
        compression,
        bufferBytes,
        maxBlock,
        requestTimeout,
        deliveryTimeout);
  }

  public PublisherSettings withTimeouts(
      Duration stall, Duration backoff, Duration maxBlockTime, Duration close) {
    return new PublisherSettings(
        queueCapacity,
        spillDirectory,
        spillBudgetBytes,
        spillSegmentBytes,
        spillFsyncInterval,
        stall,
        backoff,
        close,
        flushInterval,
        linger,
        batchBytes,
        compression,
        bufferBytes,
        maxBlockTime,
        requestTimeout,
        deliveryTimeout);
  }

  public PublisherSettings withFlushInterval(Duration interval) {
    return new PublisherSettings(
        queueCapacity,
        spillDirectory,
        spillBudgetBytes,
        spillSegmentBytes,
        spillFsyncInterval,
        stallTimeout,
        replayBackoff,
        closeTimeout,
        interval,
        linger,
        batchBytes,
        compression,
        bufferBytes,
        maxBlock,
        requestTimeout,
        deliveryTimeout);
  }

  public PublisherSettings withProducer(
      Duration lingerTime, int batchSize, String compressionType) {
    return new PublisherSettings(
        queueCapacity,
        spillDirectory,
        spillBudgetBytes,
        spillSegmentBytes,
        spillFsyncInterval,
        stallTimeout,
        replayBackoff,
        closeTimeout,
        flushInterval,
        lingerTime,
        batchSize,
        compressionType,
        bufferBytes,
        maxBlock,
        requestTimeout,
        deliveryTimeout);
  }

  /** Parses {@code 1234}, {@code 64KiB}, {@code 256MiB}, {@code 1GiB} (also KB/MB/GB, k/m/g). */
  static long parseBytes(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
    long unit = 1;
    String[][] units = {
      {"kib", "1024"},
      {"mib", "1048576"},
      {"gib", "1073741824"},
      {"kb", "1024"},
      {"mb", "1048576"},
      {"gb", "1073741824"},
      {"k", "1024"},
      {"m", "1048576"},
      {"g", "1073741824"},
      {"b", "1"}
    };
    for (String[] u : units) {
      if (s.endsWith(u[0])) {
        unit = Long.parseLong(u[1]);
        s = s.substring(0, s.length() - u[0].length());
        break;
      }
    }
    try {
      return Math.multiplyExact(Long.parseLong(s), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("not a byte size: '" + text + "'");
    }
  }

  private static long bytes(Settings settings, String key, long fallback) {
    if (!settings.has(key)) {
      return fallback;
    }
    String text = settings.string(key);
    try {
      return parseBytes(text);
    } catch (IllegalArgumentException e) {
      throw settings.invalid(key, e.getMessage() + " (use e.g. 256MiB)");
    }
  }

  private static Duration duration(Settings settings, String key, Duration fallback) {
    return settings.has(key) ? settings.duration(key, Duration.ZERO) : fallback;
  }

  private static void requireBetween(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", was " + value);
    }
  }

  private static void requireDuration(String name, Duration value, Duration min) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(min) < 0 || value.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + MAX_DURATION + ", was " + value);
    }
  }
}
