package io.pitchey.aggregator.topology;

import io.pitchey.aggregator.window.WindowResult;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.topic.Topic;
import io.pitchey.ingest.topic.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The aggregation topology in a test driver whose wall clock starts at {@code start}. */
final class TopologyFixture implements AutoCloseable {
  final TopologyTestDriver driver;
  final TestInputTopic<String, List<TimingEvent>> live;
  final TestInputTopic<String, List<TimingEvent>> backfill;
  final TestOutputTopic<String, WindowResult> windows;

  TopologyFixture(Path stateDir, WindowSettings settings, Instant start) {
    this(stateDir, settings, start, InputPositions.UNKNOWN);
  }

  TopologyFixture(Path stateDir, WindowSettings settings, Instant start, InputPositions positions) {
    driver =
        new TopologyTestDriver(
            RouteWindowTopology.build(settings, positions),
            RouteWindowTopology.streamsConfig("test", "unused:9092", stateDir, 1),
            start);
    live = input(Topics.REQUEST_TIMINGS);
    backfill = input(Topics.REQUEST_TIMINGS_BACKFILL);
    windows =
        driver.createOutputTopic(
            RouteWindowTopology.ROUTE_WINDOWS.name(),
            RouteWindowTopology.ROUTE_WINDOWS.keySerde().deserializer(),
            RouteWindowTopology.ROUTE_WINDOWS.valueSerde().deserializer());
  }

  private TestInputTopic<String, List<TimingEvent>> input(Topic<String, List<TimingEvent>> topic) {
    return driver.createInputTopic(
        topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  @Override
  public void close() {
    driver.close();
  }
}
