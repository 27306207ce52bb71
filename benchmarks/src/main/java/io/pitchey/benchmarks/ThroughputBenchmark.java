package io.pitchey.benchmarks;

import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.publish.KafkaTimingPublisher;
import io.pitchey.ingest.publish.PublisherSettings;
import io.pitchey.ingest.publish.PublisherStats;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second from {@code publish} to the broker's acknowledgement (acks=all, idempotent),
 * with realistic events (~380 bytes of JSON) and a real single-node broker in the same JVM: one
 * operation is one event, an invocation publishes {@value #BATCH} and waits until Kafka has
 * acknowledged all of them. Goal: at least 150,000 events/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 8, time = 5)
@Measurement(iterations = 5, time = 5)
public class ThroughputBenchmark {
  static final int BATCH = 100_000;

  @Param({"lz4", "zstd"})
  public String compression;

  @Param({"10"})
  public int lingerMs;

  private BrokerFixture broker;
  private KafkaTimingPublisher publisher;
  private TimingEvent[] events;

  @Setup(Level.Trial)
  public void start() {
    broker = new BrokerFixture(6);
    events = Events.make(BATCH);
    System.out.printf("%naverage event: %.0f bytes of JSON%n", Events.averageJsonBytes(events));
    PublisherSettings defaults = PublisherSettings.defaults();
    publisher =
        KafkaTimingPublisher.create(
            broker.kafka.bootstrapServers(),
            broker.topic,
            defaults
                .withQueueCapacity(4 * BATCH)
                .withSpill(
                    broker.spillDirectory,
                    PublisherSettings.DEFAULT_SPILL_BUDGET_BYTES,
                    PublisherSettings.DEFAULT_SPILL_SEGMENT_BYTES)
                .withProducer(Duration.ofMillis(lingerMs), defaults.batchBytes(), compression));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long publishAndAwaitAcks() {
    long target = publisher.stats().published() + BATCH;
    for (TimingEvent event : events) {
      publisher.publish(event);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long published;
    while ((published = publisher.stats().published()) < target) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("not acknowledged in 60 s: " + publisher.stats());
      }
      LockSupport.parkNanos(50_000);
    }
    return published;
  }

  @TearDown(Level.Trial)
  public void stop() {
    publisher.close(Duration.ofSeconds(10));
    PublisherStats stats = publisher.stats();
    System.out.println("\npublisher: " + stats);
    broker.close();
    if (stats.dropped() > 0 || stats.failed() > 0) {
      throw new IllegalStateException("events were lost during the benchmark: " + stats);
    }
  }
}
