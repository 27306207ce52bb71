package io.pitchey.aggregator.topology;

import io.pitchey.aggregator.window.OpenWindow;
import io.pitchey.aggregator.window.RouteWindowCodec;
import io.pitchey.aggregator.window.WindowJson;
import io.pitchey.aggregator.window.WindowResult;
import io.pitchey.ingest.topic.Topic;
import io.pitchey.ingest.topic.Topics;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The aggregation topology as a pure function of its settings, and its Streams configuration. */
public final class RouteWindowTopology {
  /** Window results, keyed like the timing events they came from. */
  public static final Topic<String, WindowResult> ROUTE_WINDOWS =
      new Topic<>(Topics.ROUTE_WINDOWS, Serdes.String(), WindowJson.windowResultSerde());

  private RouteWindowTopology() {}

  /**
   * Reads {@code pitchey.request-timings.v1} and writes {@code pitchey.route-windows.v1}. The input
   * key is already the aggregation grain, so nothing is repartitioned.
   *
   * <p>Two independent sub-topologies (so two sets of tasks, each with its own stream time):
   *
   * <ul>
   *   <li>live: {@code timings → windows → route-windows}: {@link RouteWindowProcessor} emits
   *       FINAL, PROVISIONAL and (late live events) CORRECTION records;
   *   <li>backfill: {@code backfill-timings → backfill-windows → backfill-route-windows}: {@link
   *       BackfillWindowProcessor} aggregates historical events per key and window on the
   *       backfill's own stream time and emits each closed window once, as a CORRECTION only.
   * </ul>
   *
   * They share no processor, store or sink node, so neither can close, hold open or overwrite the
   * other's windows; both write to {@code pitchey.route-windows.v1}.
   */
  public static Topology build(WindowSettings settings) {
    return build(settings, InputPositions.UNKNOWN);
  }

  /**
   * @param positions where the live input's partitions end: what tells a task it is caught up, so
   *     that the wall clock may close its quiet windows
   */
  public static Topology build(WindowSettings settings, InputPositions positions) {
    var timings = Topics.REQUEST_TIMINGS;
    Topology topology = new Topology();
    topology.addSource(
        "timings",
        timings.keySerde().deserializer(),
        timings.valueSerde().deserializer(),
        timings.name());
    topology.addProcessor(
        "windows", () -> new RouteWindowProcessor(settings, timings.name(), positions), "timings");
    topology.addStateStore(windowStore(RouteWindowProcessor.WINDOWS_STORE), "windows");
    topology.addStateStore(windowStore(RouteWindowProcessor.LATE_STORE), "windows");
    topology.addStateStore(clockStore(RouteWindowProcessor.HORIZON_STORE), "windows");
    topology.addSink(
        "route-windows",
        ROUTE_WINDOWS.name(),
        ROUTE_WINDOWS.keySerde().serializer(),
        ROUTE_WINDOWS.valueSerde().serializer(),
        "windows");

    var backfill = Topics.REQUEST_TIMINGS_BACKFILL;
    topology.addSource(
        "backfill-timings",
        backfill.keySerde().deserializer(),
        backfill.valueSerde().deserializer(),
        backfill.name());
    topology.addProcessor(
        "backfill-windows", () -> new BackfillWindowProcessor(settings), "backfill-timings");
    topology.addStateStore(windowStore(BackfillWindowProcessor.WINDOWS_STORE), "backfill-windows");
    topology.addStateStore(clockStore(BackfillWindowProcessor.CLOCK_STORE), "backfill-windows");
    topology.addSink(
        "backfill-route-windows",
        ROUTE_WINDOWS.name(),
        ROUTE_WINDOWS.keySerde().serializer(),
        ROUTE_WINDOWS.valueSerde().serializer(),
        "backfill-windows");
    return topology;
  }

  /**
   * Open windows, in memory with a changelog: only open windows are kept (closed ones are deleted),
   * so a restart restores little, and an update costs no disk I/O. Caching folds a busy window's
   * updates between two commits into one changelog record.
   */
  private static StoreBuilder<KeyValueStore<String, OpenWindow>> windowStore(String name) {
    return Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(name), Serdes.String(), RouteWindowCodec.serde())
        .withCachingEnabled();
  }

  /** A processor's sense of time (a horizon, a stream time): one small changelogged value. */
  private static StoreBuilder<KeyValueStore<String, Long>> clockStore(String name) {
    return Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.Long());
  }

  /** Exactly-once Streams settings; the application id is also the consumer group. */
  public static Properties streamsConfig(
      String applicationId, String bootstrapServers, Path stateDir, int replication) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replication);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    // Opt in now to the Kafka 5.0 default rather than be warned about it at every start.
    props.put("processing.exception.handler.global.enabled", true);
    // A malformed timing record is logged and counted (Streams' dropped-records metric) instead of
    // stopping aggregation for every route.
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueExceptionHandler.class.getName());
    // ... and kept: the raw record goes to the dead-letter topic with the reason in its headers.
    props.put(
        StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
        Topics.REQUEST_TIMINGS_DLQ.name());
    return props;
  }
}
