package io.pitchey.benchmarks;

import io.pitchey.devstack.EmbeddedKafka;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.topic.TimingEventsSerde;
import io.pitchey.ingest.topic.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;

/** A real broker started in the benchmark's JVM, a fresh topic, and a scratch spill directory. */
final class BrokerFixture implements AutoCloseable {
  final EmbeddedKafka kafka;
  final Topic<String, List<TimingEvent>> topic;
  final Path spillDirectory;

  BrokerFixture(int partitions) {
    kafka = EmbeddedKafka.start();
    topic = new Topic<>("bench-" + UUID.randomUUID(), Serdes.String(), new TimingEventsSerde());
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic.name(), partitions, (short) 1))).all().get();
      spillDirectory = Files.createTempDirectory("pitchey-bench-spill-");
    } catch (ExecutionException | IOException e) {
      kafka.close();
      throw new IllegalStateException("cannot set up the benchmark broker", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kafka.close();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    kafka.close();
    try (Stream<Path> paths = Files.walk(spillDirectory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
