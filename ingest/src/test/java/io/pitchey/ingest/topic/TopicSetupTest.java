package io.pitchey.ingest.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Creating and checking topics against the real broker. */
@ExtendWith(DevStackExtension.class)
class TopicSetupTest {
  private static Admin admin;
  private static TopicSetup setup;

  @BeforeAll
  static void connect(EmbeddedKafka kafka) {
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    setup = new TopicSetup(admin, Duration.ofSeconds(30));
  }

  @AfterAll
  static void close() {
    admin.close();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  private static Config configOf(String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
  }

  private static void create(String topic, int partitions, Map<String, String> configs)
      throws Exception {
    admin
        .createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
        .all()
        .get(30, TimeUnit.SECONDS);
    // the broker's metadata follows the controller a moment later: wait until it shows the topic
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Config actual = configOf(topic);
              return configs.entrySet().stream()
                  .allMatch(
                      c ->
                          actual.get(c.getKey()) != null
                              && c.getValue().equals(actual.get(c.getKey()).value()));
            });
  }

  @Test
  void missing_topics_are_created_with_size_based_retention_and_then_accepted() throws Exception {
    String name = unique("timings");
    TopicsConfig config = new TopicsConfig(3, (short) 1, 64L << 20);
    List<TopicSpec> specs = List.of(Topics.keepingOldRecords(name, config));

    setup.ensure(specs);
    setup.ensure(specs); // existing and matching: no complaint

    assertThat(
            admin
                .describeTopics(List.of(name))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(name)
                .partitions())
        .hasSize(3);
    Config created = configOf(name);
    assertThat(created.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
    assertThat(created.get(TopicConfig.RETENTION_BYTES_CONFIG).value())
        .isEqualTo(String.valueOf(64L << 20));
    assertThat(created.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("delete");
    assertThat(created.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value())
        .isEqualTo("CreateTime");
  }

  @Test
  void a_topic_with_other_partitions_is_a_clear_mismatch() throws Exception {
    String name = unique("timings");
    create(name, 2, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));

    assertThatThrownBy(
            () ->
                setup.ensure(
                    List.of(Topics.keepingOldRecords(name, TopicsConfig.of(6, (short) 1)))))
        .isInstanceOf(TopicSetup.TopicMismatchException.class)
        .hasMessageContaining(name + " has 2 partitions, configuration expects 6")
        .hasMessageContaining("kafka.partitions=2");
  }

  @Test
  void time_based_retention_or_compaction_on_a_timing_topic_is_refused() throws Exception {
    String timed = unique("timings-timed");
    create(timed, 6, Map.of(TopicConfig.RETENTION_MS_CONFIG, "604800000"));
    String compacted = unique("timings-compacted");
    create(
        compacted,
        6,
        Map.of(
            TopicConfig.RETENTION_MS_CONFIG,
            "-1",
            TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_COMPACT));
    TopicsConfig config = TopicsConfig.defaults();

    assertThatThrownBy(
            () ->
                setup.ensure(
                    List.of(
                        Topics.keepingOldRecords(timed, config),
                        Topics.keepingOldRecords(compacted, config))))
        .isInstanceOf(TopicSetup.TopicMismatchException.class)
        .hasMessageContaining(timed + " has retention.ms=604800000")
        .hasMessageContaining("backfilled events")
        .hasMessageContaining(compacted + " has cleanup.policy=compact");
  }

  @Test
  void time_based_retention_is_fine_on_topics_without_old_records() throws Exception {
    String name = unique("invalidations");
    create(name, 1, Map.of(TopicConfig.RETENTION_MS_CONFIG, "3600000"));

    setup.ensure(List.of(new TopicSpec(name, 1, (short) 1, Map.of())));
  }

  @Test
  void the_pipeline_has_five_versioned_topics() {
    List<TopicSpec> specs = Topics.pipelineTopics(TopicsConfig.defaults());

    assertThat(specs)
        .extracting(TopicSpec::name)
        .containsExactly(
            "pitchey.request-timings.v1",
            "pitchey.request-timings.backfill.v1",
            "pitchey.request-timings.dlq.v1",
            "pitchey.route-windows.v1",
            "pitchey.cache-invalidations.v1");
    assertThat(specs).allSatisfy(spec -> assertThat(spec.name()).endsWith(".v1"));
    assertThat(specs.subList(0, 4))
        .allSatisfy(
            spec -> {
              assertThat(spec.partitions()).isEqualTo(6);
              assertThat(spec.keepsOldRecords()).isTrue();
              assertThat(spec.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
            });
    assertThat(specs.get(4).partitions()).isEqualTo(1);
  }
}
