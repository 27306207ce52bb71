package io.pitchey.ingest.topic;

import io.pitchey.ingest.event.TimingEvent;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/** The topics of the timing pipeline. Names are versioned: a new format gets a new topic. */
public final class Topics {
  /** Timing events keyed {@code service|region|instance|METHOD route} (INTERFACES §2). */
  public static final Topic<String, List<TimingEvent>> REQUEST_TIMINGS =
      new Topic<>("pitchey.request-timings.v1", Serdes.String(), new TimingEventsSerde());

  public static final String ROUTE_WINDOWS = "pitchey.route-windows.v1";

  private Topics() {}

  /**
   * The specs the pipeline needs. Timing events are retained by size, not by time: backfilled
   * events carry old timestamps and a time-based retention would delete them on arrival.
   */
  public static List<TopicSpec> pipelineTopics(int partitions, short replication) {
    Map<String, String> bySize =
        Map.of(
            TopicConfig.RETENTION_MS_CONFIG,
            "-1",
            TopicConfig.RETENTION_BYTES_CONFIG,
            String.valueOf(1L << 30));
    return List.of(
        new TopicSpec(REQUEST_TIMINGS.name(), partitions, replication, bySize),
        new TopicSpec(ROUTE_WINDOWS, partitions, replication, bySize));
  }
}
