package io.pitchey.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes a fixed number of timing records (each a batch of events of one key, contracts §2) at a
 * steady pace from a thread of its own, while the test kills, starts and stops aggregators. Its
 * producer is idempotent and waits for all replicas, so each event is on the topic exactly once;
 * and it counts what it sent, for the test to compare with what the aggregator wrote.
 *
 * <p>The test builds the records ({@link Records}); this class only paces and counts them. It may
 * also hold the production in {@linkplain #inSegments segments}, each released by the test.
 */
final class PacedProduction {
  /** The record of index {@code index}: a batch of events of one key, and where it goes. */
  @FunctionalInterface
  interface Records {
    ProducerRecord<String, List<TimingEvent>> record(int index);
  }

  /**
   * What the production sent: the records and events the broker acknowledged, and the cache misses
   * and server errors (status 5xx) among all the events it produced.
   */
  record Totals(long records, long events, long cacheMisses, long serverErrors) {}

  private final int records;
  private final long intervalNanos;
  private final boolean keepSchedule;
  private final Records source;
  private List<CountDownLatch> segmentGates = List.of();
  private int segments = 1;
  private int released;

  private final Thread thread =
      Thread.ofPlatform().name("paced-production").daemon(true).unstarted(this::run);
  private final CountDownLatch done = new CountDownLatch(1);
  private final ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
  private final AtomicLong acknowledgedRecords = new AtomicLong();
  private final AtomicLong acknowledgedEvents = new AtomicLong();
  private volatile boolean running = true;
  private volatile boolean stopped;
  private String bootstrapServers;
  private long cacheMisses;
  private long serverErrors;

  private PacedProduction(int records, long intervalNanos, boolean keepSchedule, Records source) {
    this.records = records;
    this.intervalNanos = intervalNanos;
    this.keepSchedule = keepSchedule;
    this.source = source;
  }

  /**
   * {@code records} records spread evenly over {@code total}: record r is due at the start plus r
   * intervals, so a record sent late is followed at once by those due since, and the production
   * lasts its planned time.
   */
  static PacedProduction evenlyOver(Duration total, int records, Records source) {
    return new PacedProduction(records, total.toNanos() / records, true, source);
  }

  /**
   * {@code records} records, one every {@code interval}: each is due an interval after the one
   * before was due, or when that one was sent if later, so after a hold or a stall the pace goes on
   * from there without a burst.
   */
  static PacedProduction oneEvery(Duration interval, int records, Records source) {
    return new PacedProduction(records, interval.toNanos(), false, source);
  }

  /**
   * Splits the records into {@code count} equal segments and holds before each but the first until
   * the test {@linkplain #releaseNextSegment releases} it, so a segment of events flows during each
   * step of the test however slow the machine. Before {@link #start}.
   */
  PacedProduction inSegments(int count) {
    segments = count;
    segmentGates = Stream.generate(() -> new CountDownLatch(1)).limit(count - 1).toList();
    return this;
  }

  /** Starts producing to the live timing topic of the broker at {@code bootstrapServers}. */
  PacedProduction start(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    thread.start();
    return this;
  }

  /** Lets the production go on into its next segment. */
  void releaseNextSegment() {
    segmentGates.get(released++).countDown();
  }

  /** Whether records are still being produced (or flushed). */
  boolean isRunning() {
    return running;
  }

  /** Waits for the last record to be acknowledged or to fail, at most {@code timeout}. */
  Totals awaitDone(Duration timeout) throws InterruptedException {
    assertThat(done.await(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .as("production finished within %s", timeout)
        .isTrue();
    return new Totals(
        acknowledgedRecords.get(), acknowledgedEvents.get(), cacheMisses, serverErrors);
  }

  /** Sends that failed, and whatever stopped the production early. */
  List<Exception> failures() {
    return List.copyOf(failures);
  }

  /**
   * Stops producing and waits (up to 10 s) for the thread to flush and close its producer: a failed
   * test must not keep sending to a broker it is about to close.
   */
  void stop() throws InterruptedException {
    stopped = true;
    segmentGates.forEach(CountDownLatch::countDown);
    if (thread.isAlive()) {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    }
  }

  private void run() {
    var topic = Topics.REQUEST_TIMINGS;
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            5); // the default since Kafka 4.0, stated
    try (KafkaProducer<String, List<TimingEvent>> producer =
        new KafkaProducer<>(
            props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      long start = System.nanoTime();
      long due = start;
      for (int r = 0; r < records && !stopped; r++) {
        holdAtSegmentStart(r);
        LockSupport.parkNanos(due - System.nanoTime());
        due =
            keepSchedule
                ? start + (r + 1) * intervalNanos
                : Math.max(due + intervalNanos, System.nanoTime());
        ProducerRecord<String, List<TimingEvent>> record = source.record(r);
        List<TimingEvent> events = record.value();
        for (TimingEvent event : events) {
          cacheMisses += event.cache() == CacheStatus.MISS ? 1 : 0;
          serverErrors += event.status() >= 500 ? 1 : 0;
        }
        producer.send(
            record,
            (metadata, e) -> {
              if (e == null) {
                acknowledgedRecords.incrementAndGet();
                acknowledgedEvents.addAndGet(events.size());
              } else {
                failures.add(e);
              }
            });
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failures.add(e);
    } finally {
      running = false;
      done.countDown();
    }
  }

  private void holdAtSegmentStart(int record) throws InterruptedException {
    int segment = record * segments / records;
    if (segment > 0 && (record - 1) * segments / records < segment) {
      segmentGates.get(segment - 1).await();
    }
  }
}
