package io.pitchey.ingest.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitchey.config.ConfigLayers;
import io.pitchey.config.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsConfigTest {
  private static TopicsConfig load(Map<String, String> flags) {
    return TopicsConfig.from(ConfigLayers.load(Map.of(), null, Map.of(), flags));
  }

  @Test
  void absent_settings_take_the_defaults() {
    assertThat(load(Map.of())).isEqualTo(new TopicsConfig(6, (short) 1, 1L << 30));
    assertThat(load(Map.of())).isEqualTo(TopicsConfig.defaults());
  }

  @Test
  void settings_are_read_with_units() {
    assertThat(
            load(
                Map.of(
                    "kafka.partitions", "12",
                    "kafka.replication", "3",
                    "kafka.retention-bytes", "512m")))
        .isEqualTo(new TopicsConfig(12, (short) 3, 512L << 20));
    assertThat(load(Map.of("kafka.retention-bytes", "-1")).retentionBytes()).isEqualTo(-1);
  }

  @Test
  void bad_values_name_the_setting() {
    assertThatThrownBy(() -> load(Map.of("kafka.partitions", "0")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("kafka.partitions");
    assertThatThrownBy(() -> load(Map.of("kafka.retention-bytes", "10")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("kafka.retention-bytes")
        .hasMessageContaining("1 MiB");
    assertThatThrownBy(() -> load(Map.of("kafka.retention-bytes", "lots")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("kafka.retention-bytes");
  }
}
