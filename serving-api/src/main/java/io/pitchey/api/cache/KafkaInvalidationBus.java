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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 * Invalidations over {@link Topics#CACHE_INVALIDATIONS} (contracts §7). Each record's key and value
 * are the pattern; a header names the instance that sent it, so an instance skips its own, already
 * applied.
 *
 * <p>Every instance reads every invalidation: the consumer assigns itself all partitions, with no
 * group, and starts at the end of the topic. What was published while an instance was down does not
 * matter, as its cache starts empty. The consumer runs on its own thread; {@link #close()} wakes it
 * and waits a bounded time for it to stop.
 *
 * <p>Publishing is asynchronous and best effort, and never blocks the caller, a request thread:
 * {@link #publish} queues the pattern (bounded) for the bus's own thread, which hands it to the
 * producer. With Kafka down the producer waits at most {@code max.block.ms} for metadata and gives
 * a record up after {@code delivery.timeout.ms}; a pattern that cannot be queued or sent is logged
 * and counted ({@link #failedPublishes()}), and the other instances' entries then expire with their
 * TTL as they would without a bus.
 */
public final class KafkaInvalidationBus implements InvalidationBus {
  private static final Logger log = LoggerFactory.getLogger(KafkaInvalidationBus.class);
  private static final Topic<String, String> TOPIC = Topics.CACHE_INVALIDATIONS;

  /** The header naming the sending instance. */
  static final String SENDER = "pitchey.instance";

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
  private static final long STOP_TIMEOUT_SECONDS = 10;

  /** Patterns waiting for the sending thread; a pitch write queues a handful. */
  private static final int SEND_QUEUE = 1_024;

  /** How long a send may wait for metadata when Kafka is unreachable. */
  private static final int MAX_BLOCK_MS = 500;

  private static final int REQUEST_TIMEOUT_MS = 2_000;
  private static final int DELIVERY_TIMEOUT_MS = 5_000;

  private final String instance;
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final ThreadPoolExecutor sender;
  private final LongAdder failedPublishes = new LongAdder();
  private volatile boolean subscribed;

  private KafkaInvalidationBus(
      String instance,
      KafkaProducer<String, String> producer,
      KafkaConsumer<String, String> consumer) {
    this.instance = instance;
    this.producer = producer;
    this.consumer = consumer;
    this.sender =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(SEND_QUEUE),
            task ->
                Thread.ofPlatform().daemon(true).name("cache-invalidations-send").unstarted(task));
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
    return create(bootstrapServers, instance);
  }

  /** The bus without touching Kafka yet: clients connect when first used. */
  static KafkaInvalidationBus create(String bootstrapServers, String instance) {
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
                0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                MAX_BLOCK_MS,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                REQUEST_TIMEOUT_MS,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                DELIVERY_TIMEOUT_MS),
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

  /** Queues {@code pattern} for the sending thread and returns at once. */
  @Override
  public void publish(String pattern) {
    try {
      sender.execute(() -> send(pattern));
    } catch (RejectedExecutionException e) {
      failed(pattern, "the send queue is full or the bus is closing");
    }
  }

  private void send(String pattern) {
    ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC.name(), pattern, pattern);
    record.headers().add(SENDER, instance.getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(
          record,
          (metadata, e) -> {
            if (e != null) {
              failed(pattern, e.toString());
            }
          });
    } catch (RuntimeException e) { // e.g. no metadata within max.block.ms
      failed(pattern, e.toString());
    }
  }

  private void failed(String pattern, String reason) {
    failedPublishes.increment();
    log.warn(
        "invalidation {} not published to other instances ({} so far): {}",
        pattern,
        failedPublishes.sum(),
        reason);
  }

  /** Invalidations that could not be published since the bus started. */
  public long failedPublishes() {
    return failedPublishes.sum();
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

  /** Sends the queued invalidations and flushes them, then stops the consumer (all bounded). */
  @Override
  public void close() {
    try {
      drainSender();
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

  private void drainSender() {
    sender.shutdown();
    try {
      if (!sender.awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        sender.shutdownNow();
        log.warn("cache invalidations still queued after {} s are dropped", STOP_TIMEOUT_SECONDS);
      }
    } catch (InterruptedException e) {
      sender.shutdownNow();
      Thread.currentThread().interrupt();
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
