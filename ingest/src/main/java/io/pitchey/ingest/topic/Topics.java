package io.pitchey.ingest.topic;

import io.pitchey.ingest.event.TimingEvent;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics of the timing pipeline. Names are versioned: a new, incompatible format gets a new
 * topic ({@code .v2}), never a new meaning on an old one. {@code docs/events.md} lists them.
 *
 * <p><b>Retention by size, not time.</b> Backfilled events are published with their original
 * timestamps (the record timestamp is the event's {@code ts_us}, {@code CreateTime}). A time-based
 * retention judges a segment by its newest record timestamp, so a segment of two-week-old events is
 * past a 7-day retention the moment it rolls and is deleted before anything reads it. The
 * alternative, {@code LogAppendTime}, would keep time retention working but replace the event time
 * on the record, which Kafka tools, consumers' time-based seeks and the aggregator's stream time
 * rely on. So the topics that may hold old records keep {@code CreateTime} with {@code retention.ms
 * = -1}, are bounded by {@code retention.bytes} per partition instead, and accept records of any
 * age ({@code message.timestamp.before.max.ms} = max). {@link TopicSetup} refuses an existing topic
 * configured otherwise.
 */
public final class Topics {
  /** Live timing events keyed {@code service|region|instance|METHOD route} (contracts §2). */
  public static final Topic<String, List<TimingEvent>> REQUEST_TIMINGS =
      new Topic<>("pitchey.request-timings.v1", Serdes.String(), new TimingEventsSerde());

  /**
   * Historical timing events published by backfill: the same key and value format as {@link
   * #REQUEST_TIMINGS}, kept apart so history never competes with live traffic nor looks like late
   * live data.
   */
  public static final Topic<String, List<TimingEvent>> REQUEST_TIMINGS_BACKFILL =
      new Topic<>("pitchey.request-timings.backfill.v1", Serdes.String(), new TimingEventsSerde());

  /**
   * Dead letters of the timing topics: the failed record's key and value as raw bytes, its original
   * headers, and the reason and origin in {@link DeadLetters} headers.
   */
  public static final Topic<byte[], byte[]> REQUEST_TIMINGS_DLQ =
      new Topic<>("pitchey.request-timings.dlq.v1", Serdes.ByteArray(), Serdes.ByteArray());

  /**
   * Cache invalidations (contracts §7): key and value are the key pattern, e.g. {@code pitch:42} or
   * {@code pitch:*}. One partition so every instance sees them in one order.
   */
  public static final Topic<String, String> CACHE_INVALIDATIONS =
      new Topic<>("pitchey.cache-invalidations.v1", Serdes.String(), Serdes.String());

  /** Window results of the aggregator (its serde lives with the aggregator). */
  public static final String ROUTE_WINDOWS = "pitchey.route-windows.v1";

  /** Invalidations matter for seconds; a day is plenty for a consumer that starts at the end. */
  static final long CACHE_INVALIDATION_RETENTION_MS = 24L * 60 * 60 * 1000;

  private Topics() {}

  /** Every topic of the pipeline, as {@code config} says they are created. */
  public static List<TopicSpec> pipelineTopics(TopicsConfig config) {
    return List.of(
        keepingOldRecords(REQUEST_TIMINGS.name(), config),
        keepingOldRecords(REQUEST_TIMINGS_BACKFILL.name(), config),
        keepingOldRecords(REQUEST_TIMINGS_DLQ.name(), config),
        keepingOldRecords(ROUTE_WINDOWS, config),
        new TopicSpec(
            CACHE_INVALIDATIONS.name(),
            1,
            config.replication(),
            Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG,
                String.valueOf(CACHE_INVALIDATION_RETENTION_MS))));
  }

  /** {@link #pipelineTopics(TopicsConfig)} with the default retention. */
  public static List<TopicSpec> pipelineTopics(int partitions, short replication) {
    return pipelineTopics(TopicsConfig.of(partitions, replication));
  }

  /**
   * The spec of a topic whose records may carry old timestamps: size-based retention, {@code
   * CreateTime}, records of any age accepted.
   */
  public static TopicSpec keepingOldRecords(String name, TopicsConfig config) {
    return new TopicSpec(
        name,
        config.partitions(),
        config.replication(),
        Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG,
            "-1",
            TopicConfig.RETENTION_BYTES_CONFIG,
            String.valueOf(config.retentionBytes()),
            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
            "CreateTime",
            TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG,
            String.valueOf(Long.MAX_VALUE)),
        true);
  }
}
