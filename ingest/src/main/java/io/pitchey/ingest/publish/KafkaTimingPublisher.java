package io.pitchey.ingest.publish;

import io.pitchey.ingest.event.EventKey;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes timing events to Kafka from a background thread.
 *
 * <p>{@link #publish} only offers the event to a bounded queue: it costs a request one
 * lock-free-ish hand-off whatever Kafka is doing. {@code KafkaProducer.send} can block (metadata
 * waits, a full buffer during an outage), so it runs on the sender thread alone. Events the queue
 * cannot take are counted as overflowed, never silently lost. Thread-safe.
 */
public final class KafkaTimingPublisher implements TimingPublisher {
  private static final Logger log = LoggerFactory.getLogger(KafkaTimingPublisher.class);
  private static final int DRAIN_BATCH = 512;

  private final Topic<String, List<TimingEvent>> topic;
  private final Producer<String, List<TimingEvent>> producer;
  private final BlockingQueue<TimingEvent> queue;
  private final Thread sender;
  private final LongAdder accepted = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder overflowed = new LongAdder();
  private volatile boolean running = true;

  KafkaTimingPublisher(
      Topic<String, List<TimingEvent>> topic,
      Producer<String, List<TimingEvent>> producer,
      int queueCapacity) {
    this.topic = topic;
    this.producer = producer;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.sender =
        Thread.ofPlatform().name("timing-publisher").daemon(true).unstarted(this::sendLoop);
    this.sender.start();
  }

  /** A publisher with an idempotent, all-acks producer for the given topic. */
  public static KafkaTimingPublisher create(
      String bootstrapServers, Topic<String, List<TimingEvent>> topic, int queueCapacity) {
    return new KafkaTimingPublisher(
        topic,
        new KafkaProducer<>(
            producerConfig(bootstrapServers),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer()),
        queueCapacity);
  }

  static Properties producerConfig(String bootstrapServers) {
    Properties props = new Properties();
    props.putAll(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
            // A few ms of linger turns a burst of requests into one batch per partition.
            ProducerConfig.LINGER_MS_CONFIG, "5",
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            ProducerConfig.CLIENT_ID_CONFIG, "pitchey-timing-publisher"));
    return props;
  }

  @Override
  public void publish(TimingEvent event) {
    accepted.increment();
    if (!running || !queue.offer(event)) {
      overflowed.increment();
      if (overflowed.sum() % 1000 == 1) {
        log.warn("timing queue full or closed: {} events overflowed so far", overflowed.sum());
      }
    }
  }

  @Override
  public PublisherStats stats() {
    long acc = accepted.sum();
    long del = delivered.sum();
    long fail = failed.sum();
    long over = overflowed.sum();
    return new PublisherStats(acc, del, fail, over, Math.max(0, acc - del - fail - over));
  }

  private void sendLoop() {
    List<TimingEvent> batch = new ArrayList<>(DRAIN_BATCH);
    while (running || !queue.isEmpty()) {
      try {
        TimingEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, DRAIN_BATCH - 1);
        byKey(batch).forEach(this::sendCounted);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  /**
   * Groups what was drained by record key: a busy route's events of the last few milliseconds
   * travel as one batch record (INTERFACES §2 allows it), which the aggregator folds in with one
   * update.
   */
  private Map<String, List<TimingEvent>> byKey(List<TimingEvent> events) {
    Map<String, List<TimingEvent>> grouped = new LinkedHashMap<>();
    for (TimingEvent event : events) {
      try {
        grouped.computeIfAbsent(EventKey.of(event).toString(), key -> new ArrayList<>()).add(event);
      } catch (IllegalArgumentException e) {
        failed.increment();
        log.error("timing event {} has no valid key: {}", event.eventId(), e.getMessage());
      }
    }
    return grouped;
  }

  /**
   * A failure to hand a record to the producer (it is closed) costs that record's events, counted.
   */
  private void sendCounted(String key, List<TimingEvent> events) {
    try {
      send(key, List.copyOf(events));
    } catch (RuntimeException e) {
      failed.add(events.size());
      log.error("{} timing events could not be sent", events.size(), e);
    }
  }

  private void send(String key, List<TimingEvent> events) {
    long timestampMs = events.get(0).tsUs() / 1000;
    producer.send(
        new ProducerRecord<>(topic.name(), null, timestampMs, key, events),
        (metadata, error) -> {
          if (error == null) {
            delivered.add(events.size());
          } else {
            failed.add(events.size());
            log.warn("{} timing events not delivered: {}", events.size(), error.toString());
          }
        });
  }

  /**
   * Stops accepting, sends what is queued, and waits up to 10 s in all for the broker's
   * acknowledgements.
   */
  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  /** Like {@link #close()} with the given bound; later calls return at once. */
  public void close(Duration timeout) {
    if (!running) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    running = false;
    try {
      sender.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }
}
