package io.pitchey.aggregator;

import io.pitchey.aggregator.sink.WindowSink;
import io.pitchey.aggregator.topology.RouteWindowTopology;
import io.pitchey.ingest.topic.TopicSetup;
import io.pitchey.ingest.topic.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running aggregator: topic set-up, the Streams application and the database sink. Wiring and
 * lifecycle only; the logic lives in {@link RouteWindowTopology} and {@link WindowSink}.
 */
public final class StreamsAggregator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StreamsAggregator.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

  /**
   * Leaving the group on close hands this instance's partitions to the others at once; staying
   * (Streams' default) would stall them for a whole session timeout.
   */
  private static final CloseOptions CLOSE =
      CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(CLOSE_TIMEOUT);

  private final KafkaStreams streams;
  private final WindowSink sink;
  private final InputPositionWatcher positions;

  private StreamsAggregator(KafkaStreams streams, WindowSink sink, InputPositionWatcher positions) {
    this.streams = streams;
    this.sink = sink;
    this.positions = positions;
  }

  /**
   * Creates missing topics, starts Streams and waits (bounded) until it runs, then starts the sink.
   *
   * @param dataSource the database the sink writes to; owned by the caller
   * @throws IllegalStateException if Streams fails or does not reach RUNNING within 60 s
   */
  public static StreamsAggregator start(AggregatorConfig config, DataSource dataSource)
      throws InterruptedException {
    ensureTopics(config);
    InputPositionWatcher positions =
        InputPositionWatcher.start(
            config.kafka().bootstrapServers(),
            Topics.REQUEST_TIMINGS.name(),
            config.applicationId(),
            config.windows().grace());
    KafkaStreams streams;
    try {
      streams =
          new KafkaStreams(
              RouteWindowTopology.build(config.windows(), positions), streamsConfig(config));
    } catch (RuntimeException e) {
      positions.close();
      throw e;
    }
    try {
      awaitRunning(streams);
      WindowSink sink =
          new WindowSink(
                  RouteWindowTopology.ROUTE_WINDOWS,
                  config.kafka().bootstrapServers(),
                  config.sinkGroup(),
                  dataSource,
                  config.tuning().sessionTimeout())
              .start();
      log.info(
          "aggregator running: windows {} grace {}, {} stream threads",
          config.windows().size(),
          config.windows().grace(),
          config.tuning().streamThreads());
      return new StreamsAggregator(streams, sink, positions);
    } catch (InterruptedException | RuntimeException e) {
      streams.close(CLOSE);
      positions.close();
      throw e;
    }
  }

  private static Properties streamsConfig(AggregatorConfig config) {
    Properties props =
        RouteWindowTopology.streamsConfig(
            config.applicationId(),
            config.kafka().bootstrapServers(),
            config.stateDir(),
            config.topics().replication());
    StreamsTuning tuning = config.tuning();
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, tuning.streamThreads());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, tuning.commitInterval().toMillis());
    props.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
        (int) tuning.sessionTimeout().toMillis());
    props.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
        (int) tuning.heartbeatInterval().toMillis());
    return props;
  }

  private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
    CompletableFuture<KafkaStreams.State> settled = new CompletableFuture<>();
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING
              || now == KafkaStreams.State.ERROR
              || now == KafkaStreams.State.PENDING_ERROR) {
            settled.complete(now);
          }
        });
    streams.start();
    try {
      KafkaStreams.State state = settled.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (state != KafkaStreams.State.RUNNING) {
        throw new IllegalStateException(
            "Kafka Streams failed to start (state " + state + "); see the log above");
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka Streams did not reach RUNNING within " + START_TIMEOUT, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("unreachable: the future is only completed normally", e);
    }
  }

  private static void ensureTopics(AggregatorConfig config) throws InterruptedException {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers()))) {
      new TopicSetup(admin, Duration.ofSeconds(30)).ensure(Topics.pipelineTopics(config.topics()));
    }
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /**
   * The input partitions of this instance's active tasks, across its stream threads and both
   * sub-topologies: this instance's share of the group's work as of the last rebalance (standby and
   * warm-up tasks excluded). Empty until the group has assigned this instance a task.
   */
  public Set<TopicPartition> activePartitions() {
    return streams.metadataForLocalThreads().stream()
        .flatMap(thread -> thread.activeTasks().stream())
        .flatMap(task -> task.topicPartitions().stream())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Both halves work: Streams is running or rebalancing, and the sink has not stopped. */
  public boolean isHealthy() {
    return (streams.state() == KafkaStreams.State.RUNNING
            || streams.state() == KafkaStreams.State.REBALANCING)
        && sink.isRunning();
  }

  /** Stops Streams first (it commits its last transaction), then the sink and the watcher. */
  @Override
  public void close() {
    streams.close(CLOSE);
    sink.close();
    positions.close();
  }
}
