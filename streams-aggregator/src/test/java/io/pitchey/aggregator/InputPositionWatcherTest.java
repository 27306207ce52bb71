package io.pitchey.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitchey.devstack.DevStack;
import io.pitchey.devstack.DevStackExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The input positions the aggregator's tasks decide "caught up" by, read from a real broker. */
@ExtendWith(DevStackExtension.class)
class InputPositionWatcherTest {
  @Test
  void it_reports_each_partitions_end_and_the_groups_committed_offset(DevStack stack)
      throws Exception {
    String bootstrap = stack.kafka().bootstrapServers();
    String topic = "positions-" + UUID.randomUUID();
    String group = "group-" + UUID.randomUUID();
    TopicPartition first = new TopicPartition(topic, 0);
    TopicPartition second = new TopicPartition(topic, 1);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new StringSerializer())) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>(topic, 0, "k", "v" + i));
      }
      producer.flush();
      admin.alterConsumerGroupOffsets(group, Map.of(first, new OffsetAndMetadata(3))).all().get();

      try (InputPositionWatcher watcher =
          InputPositionWatcher.start(bootstrap, topic, group, Duration.ofSeconds(1))) {
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () -> {
                  assertThat(watcher.endOffset(first)).isEqualTo(OptionalLong.of(5));
                  assertThat(watcher.endOffset(second)).isEqualTo(OptionalLong.of(0));
                  assertThat(watcher.committedOffset(first)).isEqualTo(OptionalLong.of(3));
                  assertThat(watcher.committedOffset(second)).isEmpty();
                });

        producer.send(new ProducerRecord<>(topic, 0, "k", "v5")).get();
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () -> assertThat(watcher.endOffset(first)).isEqualTo(OptionalLong.of(6)));
      }
    }
  }
}
