package io.pitchey.ingest.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates missing topics and checks existing ones against their spec, so a process fails at
 * start-up with a clear message instead of misbehaving later (e.g. a topic with too few
 * partitions).
 */
public final class TopicSetup {
  private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);

  private final Admin admin;
  private final Duration timeout;

  public TopicSetup(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * Ensures every topic exists as specified.
   *
   * @throws TopicMismatchException if an existing topic differs in partition count
   */
  public void ensure(Collection<TopicSpec> specs) throws InterruptedException {
    Set<String> existing = await(admin.listTopics().names());
    List<NewTopic> missing = new ArrayList<>();
    for (TopicSpec spec : specs) {
      if (!existing.contains(spec.name())) {
        missing.add(
            new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor())
                .configs(spec.configs()));
      }
    }
    create(missing);
    check(specs.stream().filter(s -> existing.contains(s.name())).toList());
  }

  private void create(List<NewTopic> missing) throws InterruptedException {
    if (missing.isEmpty()) {
      return;
    }
    try {
      await(admin.createTopics(missing).all());
      log.info("created topics {}", missing.stream().map(NewTopic::name).toList());
    } catch (IllegalStateException e) {
      // Another process may have created them between our list and create: that is fine.
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  private void check(List<TopicSpec> present) throws InterruptedException {
    if (present.isEmpty()) {
      return;
    }
    Map<String, TopicDescription> descriptions =
        await(admin.describeTopics(present.stream().map(TopicSpec::name).toList()).allTopicNames());
    String mismatches =
        present.stream()
            .filter(spec -> descriptions.get(spec.name()).partitions().size() != spec.partitions())
            .map(
                spec ->
                    spec.name()
                        + " has "
                        + descriptions.get(spec.name()).partitions().size()
                        + " partitions, configuration expects "
                        + spec.partitions())
            .collect(Collectors.joining("; "));
    if (!mismatches.isEmpty()) {
      throw new TopicMismatchException(mismatches);
    }
  }

  private <T> T await(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Kafka admin request failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka did not answer within " + timeout + " (is the broker up?)", e);
    }
  }

  /** An existing topic does not match its spec. */
  public static final class TopicMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TopicMismatchException(String message) {
      super(message);
    }
  }
}
