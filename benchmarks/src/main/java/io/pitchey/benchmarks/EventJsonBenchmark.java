package io.pitchey.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.event.TimingEventJson;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What writing timing events as JSON costs per event: {@link TimingEventJson}'s streaming writer
 * against the bean serializer of an {@link ObjectMapper} configured as the contract's (snake_case
 * names, {@code error_type} left out when null), which writes the same bytes.
 *
 * <p>{@code *One} writes one event ({@link TimingEventJson#write}, the disk buffer's and the
 * request log's form); {@code *Batch} writes a record of {@value #BATCH} events ({@link
 * TimingEventJson#writeBatch}, what the publisher sends per key and flush). Scores are ns per
 * event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class EventJsonBenchmark {
  static final int BATCH = 250;

  private static final ObjectMapper BEAN_SERIALIZER =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  private TimingEvent[] events;
  private List<TimingEvent> batch;
  private int next;

  @Setup
  public void makeEvents() throws JsonProcessingException {
    events = Events.make(1_024);
    batch = Arrays.asList(Arrays.copyOf(events, BATCH));
    // Both sides of the comparison must write the same document, or the comparison means nothing.
    if (!Arrays.equals(
        TimingEventJson.writeBatch(batch), BEAN_SERIALIZER.writeValueAsBytes(batch))) {
      throw new IllegalStateException("the two writers disagree");
    }
  }

  @Benchmark
  public byte[] streamingOne() {
    return TimingEventJson.write(nextEvent());
  }

  @Benchmark
  public byte[] beanSerializerOne() throws JsonProcessingException {
    return BEAN_SERIALIZER.writeValueAsBytes(nextEvent());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public byte[] streamingBatch() {
    return TimingEventJson.writeBatch(batch);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public byte[] beanSerializerBatch() throws JsonProcessingException {
    return BEAN_SERIALIZER.writeValueAsBytes(batch);
  }

  /** Cycles through distinct events, as a stream of requests would. */
  private TimingEvent nextEvent() {
    TimingEvent event = events[next];
    next = (next + 1) & (events.length - 1);
    return event;
  }
}
