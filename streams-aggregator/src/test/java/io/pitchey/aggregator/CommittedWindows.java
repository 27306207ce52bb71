package io.pitchey.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitchey.aggregator.topology.RouteWindowTopology;
import io.pitchey.aggregator.window.WindowKind;
import io.pitchey.aggregator.window.WindowResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What the committed records of one service on the window topic add up to, and where the last ones
 * are: Streams' own output, read with {@code read_committed} from the beginning to the last stable
 * offsets, before the sink and its offset bookkeeping.
 *
 * @param requests requests in the final and correction records
 * @param duplicateFinals windows (start and key) with more than one final record
 * @param lastOffsets offset of the service's last committed record, by partition
 */
record CommittedWindows(
    long requests, List<String> duplicateFinals, Map<Integer, Long> lastOffsets) {

  static CommittedWindows read(String bootstrapServers, String service) {
    var topic = RouteWindowTopology.ROUTE_WINDOWS;
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    try (KafkaConsumer<String, WindowResult> consumer =
        new KafkaConsumer<>(
            props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // under read_committed, the end offsets are the last stable offsets
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long requests = 0;
      Map<String, Integer> finals = new HashMap<>();
      Map<Integer, Long> lastOffsets = new HashMap<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        assertThat(System.nanoTime())
            .as("reading the window topic within 30 s")
            .isLessThan(deadline);
        for (ConsumerRecord<String, WindowResult> record : consumer.poll(Duration.ofMillis(200))) {
          WindowResult result = record.value();
          if (result == null || !result.key().service().equals(service)) {
            continue;
          }
          lastOffsets.merge(record.partition(), record.offset(), Math::max);
          if (result.kind() != WindowKind.PROVISIONAL) {
            requests += result.window().counters().requests();
          }
          if (result.kind() == WindowKind.FINAL) {
            finals.merge(result.windowStart() + " " + result.key(), 1, Integer::sum);
          }
        }
      }
      List<String> duplicates =
          finals.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
      return new CommittedWindows(requests, duplicates, lastOffsets);
    }
  }
}
