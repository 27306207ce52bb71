package io.pitchey.ingest.backfill;

import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * A plain idempotent producer for batch jobs (not the request-path publisher): acks=all,
 * idempotence, lz4, and large batches. Records keep their events' original time as CreateTime; the
 * pipeline topics are retained by size, so old timestamps are not deleted on arrival.
 */
public final class KafkaBatchSink implements BatchSink {
  private final KafkaProducer<String, List<TimingEvent>> producer;
  private final String topic;
  private final AtomicReference<@Nullable Exception> failure = new AtomicReference<>();

  public KafkaBatchSink(String bootstrapServers, Topic<String, List<TimingEvent>> topic) {
    this(bootstrapServers, topic, "pitchey-backfill");
  }

  public KafkaBatchSink(
      String bootstrapServers, Topic<String, List<TimingEvent>> topic, String clientId) {
    this.topic = topic.name();
    this.producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "20",
                ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * 1024 * 1024),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000",
                ProducerConfig.CLIENT_ID_CONFIG, clientId),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer());
  }

  @Override
  public void send(String key, List<TimingEvent> events, long timestampMs) {
    producer.send(
        new ProducerRecord<>(topic, null, timestampMs, key, events),
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  @Override
  public void flush() {
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new BackfillException(
          "Kafka did not accept the backfill records: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
