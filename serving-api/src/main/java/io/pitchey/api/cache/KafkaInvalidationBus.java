package io.pitchey.api.cache;

import io.pitchey.ingest.topic.Topic;
import io.pitchey.ingest.topic.TopicSetup;
import io.pitchey.ingest.topic.TopicSpec;
import io.pitchey.ingest.topic.Topics;
import io.pitchey.ingest.topic.TopicsConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invalidations over {@link Topics#CACHE_INVALIDATIONS} (INTERFACES §7). Each record's key and
 * value are the pattern; a header names the instance that sent it, so an instance skips its own,
 * already applied.
 *
 * <p>Every instance reads every invalidation: the consumer assigns itself all partitions, with no
 * group, and starts at the end of the topic. What was published while an instance was down does not
 * matter, as its cache starts empty. The consumer runs on its own thread; {@link #close()} wakes it
 * and waits a bounded time for it to stop.
 *
 * <p>Publishing is asynchronous and best effort: a failure is logged, and the other instances'
 * entries then expire with their TTL as they would without a bus.
 */
public final class KafkaInvalidationBus implements InvalidationBus {
  private static final Logger log = LoggerFactory.getLogger(KafkaInvalidationBus.class);
  private static final Topic<String, String> TOPIC = Topics.CACHE_INVALIDATIONS;

  /** The header naming the sending instance. */
  static final String SENDER = "pitchey.instance";

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
  private static final long STOP_TIMEOUT_SECONDS = 10;

  private final String instance;
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean subscribed;

  private KafkaInvalidationBus(
      String instance,
      KafkaProducer<String, String> producer,
      KafkaConsumer<String, String> consumer) {
    this.instance = instance;
    this.producer = producer;
    this.consumer = consumer;
  }

  /**
   * Connects to Kafka, creating the topic if it is missing (with the default replication: the
   * aggregator creates it as configured when it starts first).
   *
   * @param instance this instance's name, unique among the instances sharing the topic
   */
  public static KafkaInvalidationBus connect(String bootstrapServers, String instance) {
    Objects.requireNonNull(instance, "instance");
    ensureTopic(bootstrapServers);
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG,
                "cache-invalidations-" + instance,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                0),
            TOPIC.keySerde().serializer(),
            TOPIC.valueSerde().serializer());
    try {
      KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  ConsumerConfig.CLIENT_ID_CONFIG,
                  "cache-invalidations-" + instance,
                  ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                  false),
              TOPIC.keySerde().deserializer(),
              TOPIC.valueSerde().deserializer());
      return new KafkaInvalidationBus(instance, producer, consumer);
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
  }

  private static void ensureTopic(String bootstrapServers) {
    List<TopicSpec> spec =
        Topics.pipelineTopics(TopicsConfig.defaults()).stream()
            .filter(topic -> topic.name().equals(TOPIC.name()))
            .toList();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      new TopicSetup(admin, SETUP_TIMEOUT).ensure(spec);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating " + TOPIC, e);
    }
  }

  @Override
  public void publish(String pattern) {
    ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC.name(), pattern, pattern);
    record.headers().add(SENDER, instance.getBytes(StandardCharsets.UTF_8));
    producer.send(
        record,
        (metadata, e) -> {
          if (e != null) {
            log.warn("invalidation {} not published to other instances: {}", pattern, e.toString());
          }
        });
  }

  /** Assigns every partition at its end before returning, so no later invalidation is missed. */
  @Override
  public void subscribe(Consumer<String> apply) {
    if (subscribed) {
      throw new IllegalStateException("already subscribed");
    }
    List<TopicPartition> partitions =
        consumer.partitionsFor(TOPIC.name(), SETUP_TIMEOUT).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(partition -> consumer.position(partition, SETUP_TIMEOUT)); // resolve now
    Thread.ofPlatform().daemon(true).name("cache-invalidations").start(() -> consume(apply));
    subscribed = true; // only now does close() have a consumer thread to stop
  }

  private void consume(Consumer<String> apply) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          if (record.value() != null && !fromThisInstance(record)) {
            applyQuietly(apply, record.value());
          }
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } catch (RuntimeException e) {
      log.error("cache invalidation consumer stopped; other instances' changes are not applied", e);
    } finally {
      consumer.close(Duration.ofSeconds(STOP_TIMEOUT_SECONDS));
      stopped.countDown();
    }
  }

  private boolean fromThisInstance(ConsumerRecord<String, String> record) {
    Header sender = record.headers().lastHeader(SENDER);
    return sender != null && instance.equals(new String(sender.value(), StandardCharsets.UTF_8));
  }

  private static void applyQuietly(Consumer<String> apply, String pattern) {
    try {
      apply.accept(pattern);
    } catch (RuntimeException e) {
      log.warn("could not apply invalidation {}: {}", pattern, e.toString());
    }
  }

  /** Flushes pending invalidations, then stops the consumer (bounded). */
  @Override
  public void close() {
    try {
      producer.close(Duration.ofSeconds(STOP_TIMEOUT_SECONDS));
    } finally {
      if (subscribed) {
        consumer.wakeup();
        awaitStop();
      } else {
        consumer.close(Duration.ZERO);
      }
    }
  }

  private void awaitStop() {
    try {
      if (!stopped.await(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        log.warn("cache invalidation consumer did not stop within {} s", STOP_TIMEOUT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
