package io.pitchey.bench.aggregator;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The serialized state of open windows, as the window store wrote it to its changelog: every
 * committed version of every window, so the largest is a window at its fullest.
 */
record StateSizes(String changelog, int values, double mean, int p50, int max) {
  static StateSizes read(String bootstrap, String applicationId) {
    String changelog = applicationId + "-route-windows-changelog";
    int[] sizes = new int[1 << 16];
    int n = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(changelog).stream()
              .map(p -> new TopicPartition(changelog, p.partition()))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.value() != null) {
            if (n == sizes.length) {
              sizes = Arrays.copyOf(sizes, n * 2);
            }
            sizes[n++] = record.value().length;
          }
        }
      }
    }
    int[] values = Arrays.copyOf(sizes, n);
    Arrays.sort(values);
    double mean = Arrays.stream(values).average().orElse(Double.NaN);
    return new StateSizes(
        changelog, n, mean, n == 0 ? 0 : values[n / 2], n == 0 ? 0 : values[n - 1]);
  }
}
