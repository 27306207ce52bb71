package io.pitchey.benchmarks;

import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.publish.KafkaTimingPublisher;
import io.pitchey.ingest.publish.PublisherSettings;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@link KafkaTimingPublisher#publish} costs the request thread (goal: at most 1 µs), with the
 * sender draining to a real broker at the same time.
 *
 * <p>A request produces one event, so the realistic case is a burst of events handed over while the
 * queue has room: {@link #burst} publishes {@value #BURST} events per invocation and waits, outside
 * the measurement, until the sender has drained them. The score is per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 50)
@Measurement(iterations = 300)
public class PublishCostBenchmark {
  static final int BURST = 10_000;

  private BrokerFixture broker;
  private KafkaTimingPublisher publisher;
  private TimingEvent[] events;

  @Setup(Level.Trial)
  public void start() {
    broker = new BrokerFixture(6);
    events = Events.make(BURST);
    publisher =
        KafkaTimingPublisher.create(
            broker.kafka.bootstrapServers(),
            broker.topic,
            PublisherSettings.defaults()
                .withSpill(
                    broker.spillDirectory,
                    PublisherSettings.DEFAULT_SPILL_BUDGET_BYTES,
                    PublisherSettings.DEFAULT_SPILL_SEGMENT_BYTES));
  }

  @Benchmark
  @OperationsPerInvocation(BURST)
  public void burst() {
    for (TimingEvent event : events) {
      publisher.publish(event);
    }
  }

  /** The sender catches up between bursts, so that every burst finds room in the queue. */
  @TearDown(Level.Invocation)
  public void drain() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (publisher.stats().buffered() > 0) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("the sender did not drain: " + publisher.stats());
      }
      LockSupport.parkNanos(100_000);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    publisher.close(Duration.ofSeconds(10));
    System.out.println("\npublisher: " + publisher.stats());
    broker.close();
  }
}
