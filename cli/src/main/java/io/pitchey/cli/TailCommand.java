package io.pitchey.cli;

import io.pitchey.ingest.event.InvalidEventException;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.event.TimingEventJson;
import io.pitchey.ingest.topic.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pitchey tail}: follows {@code pitchey.request-timings.v1} live, one line per event. Its
 * consumer has a group of its own and starts at the latest offset, so it never takes records from
 * another reader and never replays history; it commits nothing.
 */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = "Follow the live timing events from Kafka, one line per request. Ctrl-C stops.")
final class TailCommand implements Callable<Integer> {
  private static final Duration POLL = Duration.ofMillis(500);

  @Spec CommandSpec spec;

  @Mixin KafkaBootstrapOption kafka;

  @Option(
      names = "--route",
      description = "route substring, template or raw path, e.g. pitches, /api/pitches/42")
  @Nullable String route;

  @Option(names = "--status", description = "codes and classes, e.g. 5xx, 404, 4xx,503")
  @Nullable String status;

  @Option(names = "--min-ms", defaultValue = "0", description = "only requests at least this slow")
  double minMs;

  @Option(names = "--cache", description = "cache statuses, e.g. MISS or HIT,STALE")
  @Nullable String cache;

  @Option(names = "--max", description = "stop after this many events (default: run until Ctrl-C)")
  long max = Long.MAX_VALUE;

  @Override
  public Integer call() throws Exception {
    TailFilter filter;
    try {
      filter = TailFilter.parse(route, status, minMs, cache);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Ansi ansi = spec.commandLine().getColorScheme().ansi();
    CountDownLatch stopped = new CountDownLatch(1);
    try (Lifecycle lifecycle = new Lifecycle();
        KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      // Ctrl-C: the lifecycle's hook wakes the poll, then waits (bounded) for the loop to end.
      lifecycle.add(
          () -> {
            consumer.wakeup();
            stopped.await(5, TimeUnit.SECONDS);
          });
      consumer.subscribe(List.of(Topics.REQUEST_TIMINGS.name()));
      err.printf(
          "Following %s on %s (from now; Ctrl-C stops)%n",
          Topics.REQUEST_TIMINGS.name(), kafka.servers);
      err.flush();
      long shown = 0;
      try {
        polling:
        while (true) {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            for (String line : lines(record, filter, ansi)) {
              out.println(line);
              if (++shown >= max) {
                break polling;
              }
            }
          }
          out.flush();
        }
        out.flush();
      } catch (WakeupException e) {
        // Ctrl-C.
      } finally {
        stopped.countDown();
      }
    }
    return 0;
  }

  static List<String> lines(ConsumerRecord<byte[], byte[]> record, TailFilter filter, Ansi ansi) {
    if (record.value() == null) {
      return List.of();
    }
    List<TimingEvent> events;
    try {
      events = TimingEventJson.read(record.value());
    } catch (InvalidEventException e) {
      return List.of(
          "(unreadable record at partition "
              + record.partition()
              + " offset "
              + record.offset()
              + ": "
              + e.getMessage()
              + ")");
    }
    return events.stream().filter(filter::test).map(ev -> TailFormat.format(ev, ansi)).toList();
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(
        Map.<String, Object>of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers,
            ConsumerConfig.GROUP_ID_CONFIG, "pitchey-tail-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
            ConsumerConfig.CLIENT_ID_CONFIG, "pitchey-tail"),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }
}
