package io.pitchey.ingest.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates missing topics and checks existing ones against their spec, so a process fails at
 * start-up with a clear message instead of misbehaving later (e.g. a topic with too few
 * partitions).
 */
public final class TopicSetup {
  private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);

  private static final Duration RACE_SETTLE = Duration.ofSeconds(5);

  private final Admin admin;
  private final Duration timeout;

  public TopicSetup(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * Ensures every topic exists as specified.
   *
   * @throws TopicMismatchException if an existing topic has other partitions, fewer replicas, or
   *     (for topics that keep old records) a cleanup, retention or timestamp config that would
   *     delete or refuse backfilled events; the message names every topic, what differs and the fix
   */
  public void ensure(Collection<TopicSpec> specs) throws InterruptedException {
    Set<String> existing = await(admin.listTopics().names());
    List<TopicSpec> missing = specs.stream().filter(s -> !existing.contains(s.name())).toList();
    Set<String> raced = create(missing);
    List<TopicSpec> present =
        specs.stream()
            .filter(s -> existing.contains(s.name()) || raced.contains(s.name()))
            .toList();
    List<String> mismatches = mismatches(present);
    // A topic another process created a moment ago may still show the broker's defaults: the
    // broker's metadata follows the controller. Look again, briefly, before calling it wrong.
    long deadline = System.nanoTime() + RACE_SETTLE.toNanos();
    while (!mismatches.isEmpty() && !raced.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      mismatches = mismatches(present);
    }
    if (!mismatches.isEmpty()) {
      throw new TopicMismatchException(
          "existing Kafka topics do not match the configuration: " + String.join("; ", mismatches));
    }
  }

  /** Creates the topics; returns those that turned out to exist already (created meanwhile). */
  private Set<String> create(List<TopicSpec> missing) throws InterruptedException {
    if (missing.isEmpty()) {
      return Set.of();
    }
    Map<String, KafkaFuture<Void>> results =
        admin
            .createTopics(
                missing.stream()
                    .map(
                        spec ->
                            new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor())
                                .configs(spec.configs()))
                    .toList())
            .values();
    Set<String> raced = new HashSet<>();
    List<String> created = new ArrayList<>();
    for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
      try {
        await(result.getValue());
        created.add(result.getKey());
      } catch (IllegalStateException e) {
        // Another process (or a listing that lagged) created it first: check it like any other.
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
        raced.add(result.getKey());
      }
    }
    if (!created.isEmpty()) {
      log.info("created topics {}", created);
    }
    return raced;
  }

  private List<String> mismatches(List<TopicSpec> present) throws InterruptedException {
    if (present.isEmpty()) {
      return List.of();
    }
    Map<String, TopicDescription> descriptions =
        await(admin.describeTopics(present.stream().map(TopicSpec::name).toList()).allTopicNames());
    Map<ConfigResource, Config> configs =
        await(
            admin
                .describeConfigs(
                    present.stream()
                        .map(spec -> new ConfigResource(ConfigResource.Type.TOPIC, spec.name()))
                        .toList())
                .all());
    List<String> mismatches = new ArrayList<>();
    for (TopicSpec spec : present) {
      mismatches.addAll(
          mismatches(
              spec,
              descriptions.get(spec.name()),
              configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()))));
    }
    return mismatches;
  }

  /** What is wrong with one existing topic, each as a sentence naming the topic and the fix. */
  static List<String> mismatches(
      TopicSpec spec, TopicDescription description, @Nullable Config config) {
    List<String> problems = new ArrayList<>();
    String name = spec.name();
    int partitions = description.partitions().size();
    if (partitions != spec.partitions()) {
      problems.add(
          name
              + " has "
              + partitions
              + " partitions, configuration expects "
              + spec.partitions()
              + (partitions < spec.partitions()
                  ? " (add partitions with kafka-topics --alter --partitions "
                      + spec.partitions()
                      + ", or set kafka.partitions="
                      + partitions
                      + ")"
                  : " (partitions cannot be removed: set kafka.partitions="
                      + partitions
                      + " or recreate the topic)"));
    }
    int replicas =
        description.partitions().isEmpty() ? 0 : description.partitions().get(0).replicas().size();
    if (replicas < spec.replicationFactor()) {
      problems.add(
          name
              + " has replication factor "
              + replicas
              + ", configuration expects "
              + spec.replicationFactor()
              + " (kafka.replication)");
    }
    if (spec.keepsOldRecords() && config != null) {
      problems.addAll(oldRecordHazards(name, config));
    }
    return problems;
  }

  /** Configs under which records with old timestamps (backfill) would be deleted or refused. */
  private static List<String> oldRecordHazards(String name, Config config) {
    List<String> problems = new ArrayList<>();
    String policy = value(config, TopicConfig.CLEANUP_POLICY_CONFIG, "delete");
    if (policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
      problems.add(
          name
              + " has cleanup.policy="
              + policy
              + ": compaction keeps one record per key and would discard timing events;"
              + " set cleanup.policy=delete");
    }
    boolean createTime =
        !"LogAppendTime".equals(value(config, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, ""));
    long retentionMs = parse(value(config, TopicConfig.RETENTION_MS_CONFIG, "-1"));
    if (createTime && retentionMs >= 0) {
      problems.add(
          name
              + " has retention.ms="
              + retentionMs
              + " with CreateTime timestamps: backfilled events older than that are deleted on"
              + " arrival; set retention.ms=-1 (retention is by size, kafka.retention-bytes):"
              + " kafka-configs --alter --entity-type topics --entity-name "
              + name
              + " --add-config retention.ms=-1");
    }
    long beforeMaxMs =
        parse(
            value(
                config,
                TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG,
                String.valueOf(Long.MAX_VALUE)));
    if (createTime && beforeMaxMs != Long.MAX_VALUE) {
      problems.add(
          name
              + " has message.timestamp.before.max.ms="
              + beforeMaxMs
              + ": the broker refuses backfilled events older than that; set it to "
              + Long.MAX_VALUE);
    }
    return problems;
  }

  private static String value(Config config, String name, String absent) {
    ConfigEntry entry = config.get(name);
    return entry == null || entry.value() == null ? absent : entry.value();
  }

  private static long parse(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private <T> T await(KafkaFuture<T> future) throws InterruptedException {
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

    public TopicMismatchException(String message) {
      super(message);
    }
  }
}
