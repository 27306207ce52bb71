package io.pitchey.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class EmbeddedKafkaTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void a_produced_record_can_be_consumed(EmbeddedKafka kafka) throws Exception {
    String topic = createTopic(kafka);

    try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
      producer.send(new ProducerRecord<>(topic, "k", "hello")).get(20, TimeUnit.SECONDS);
    }

    assertThat(consumeAll(kafka, topic, "read_uncommitted", 1))
        .extracting(ConsumerRecord::value)
        .containsExactly("hello");
  }

  @Test
  void a_committed_transaction_is_readable_with_read_committed(EmbeddedKafka kafka)
      throws Exception {
    String topic = createTopic(kafka);

    try (KafkaProducer<String, String> producer =
        producer(
            kafka, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID()))) {
      // needs __transaction_state, which a single broker can only create with RF 1 / min ISR 1
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "one"));
      producer.send(new ProducerRecord<>(topic, "k", "two"));
      producer.commitTransaction();
    }

    assertThat(consumeAll(kafka, topic, "read_committed", 2))
        .extracting(ConsumerRecord::value)
        .containsExactly("one", "two");
  }

  @Test
  void broker_keeps_data_and_port_across_restart(EmbeddedKafka kafka) throws Exception {
    String topic = createTopic(kafka);
    String bootstrap = kafka.bootstrapServers();
    try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
      producer.send(new ProducerRecord<>(topic, "k", "before")).get(20, TimeUnit.SECONDS);
    }

    kafka.stop();
    assertThat(kafka.isRunning()).isFalse();
    kafka.restart(); // leaves the shared broker running, as DevStackExtension requires

    assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
    try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
      producer.send(new ProducerRecord<>(topic, "k", "after")).get(20, TimeUnit.SECONDS);
    }
    assertThat(consumeAll(kafka, topic, "read_uncommitted", 2))
        .extracting(ConsumerRecord::value)
        .containsExactly("before", "after");
  }

  static String createTopic(EmbeddedKafka kafka) throws Exception {
    String topic = "t-" + UUID.randomUUID();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1))).all().get(20, TimeUnit.SECONDS);
    }
    return topic;
  }

  static KafkaProducer<String, String> producer(EmbeddedKafka kafka, Map<String, Object> extra) {
    Map<String, Object> config =
        new java.util.HashMap<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                20_000));
    config.putAll(extra);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  /** Reads from the beginning until {@code expected} records arrived or {@link #WAIT} passed. */
  static List<ConsumerRecord<String, String>> consumeAll(
      EmbeddedKafka kafka, String topic, String isolation, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "g-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            isolation);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      Deadline deadline = Deadline.after(WAIT);
      while (records.size() < expected && !deadline.expired()) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
