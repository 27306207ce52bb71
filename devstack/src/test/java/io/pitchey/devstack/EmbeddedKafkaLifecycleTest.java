package io.pitchey.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instances of its own, not the shared stack: these tests close brokers. */
class EmbeddedKafkaLifecycleTest {

  @Test
  void a_given_data_directory_outlives_the_broker_instance(@TempDir Path dir) throws Exception {
    String topic;
    int port;
    try (EmbeddedKafka first =
        EmbeddedKafka.start(KafkaOptions.defaults().withDataDirectory(dir))) {
      port = first.port();
      topic = EmbeddedKafkaTest.createTopic(first);
      try (KafkaProducer<String, String> producer = EmbeddedKafkaTest.producer(first, Map.of())) {
        producer.send(new ProducerRecord<>(topic, "k", "persisted")).get(20, TimeUnit.SECONDS);
      }
    }
    assertThat(dir).isDirectory();

    try (EmbeddedKafka second =
        EmbeddedKafka.start(KafkaOptions.defaults().withDataDirectory(dir).withPort(port))) {
      assertThat(second.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      assertThat(EmbeddedKafkaTest.consumeAll(second, topic, "read_uncommitted", 1))
          .extracting(ConsumerRecord::value)
          .containsExactly("persisted");
    }
  }

  @Test
  void a_temporary_data_directory_is_deleted_on_close() {
    Path data;
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      data = kafka.dataDirectory();
      assertThat(data).isDirectory();
    }
    assertThat(Files.exists(data)).isFalse();
  }

  @Test
  void a_closed_broker_cannot_be_restarted() {
    EmbeddedKafka kafka = EmbeddedKafka.start();
    kafka.close();

    assertThat(kafka.isRunning()).isFalse();
    assertThatThrownBy(kafka::restart).isInstanceOf(IllegalStateException.class);
  }
}
