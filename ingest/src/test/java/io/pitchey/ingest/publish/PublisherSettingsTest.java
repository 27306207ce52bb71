package io.pitchey.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitchey.config.ConfigLayers;
import io.pitchey.config.InvalidConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublisherSettingsTest {

  @Test
  void the_default_budget_holds_a_minute_of_outage_at_5000_requests_a_second() {
    PublisherSettings defaults = PublisherSettings.from(ConfigLayers.fromDefaults(Map.of()));
    assertThat(defaults).isEqualTo(PublisherSettings.defaults());
    long minute = 60L * 5_000 * (350 + DiskSpill.RECORD_OVERHEAD);
    assertThat(defaults.spillBudgetBytes()).isGreaterThan(minute);
    assertThat(defaults.compression()).isIn("lz4", "zstd");
  }

  @Test
  void keys_under_publisher_are_read_with_byte_sizes_and_durations() {
    PublisherSettings settings =
        PublisherSettings.from(
            ConfigLayers.fromDefaults(
                Map.of(
                    "publisher.queue-capacity", 1000,
                    "publisher.spill-dir", "/var/spool/pitchey",
                    "publisher.spill-budget-bytes", "1GiB",
                    "publisher.spill-segment-bytes", "16MiB",
                    "publisher.stall-timeout", "3s",
                    "publisher.compression", "ZSTD",
                    "publisher.linger", "20ms",
                    "publisher.flush-interval", "200ms",
                    "publisher.batch-bytes", "512KiB")));
    assertThat(settings.queueCapacity()).isEqualTo(1000);
    assertThat(settings.spillDirectory()).isEqualTo(Path.of("/var/spool/pitchey"));
    assertThat(settings.spillBudgetBytes()).isEqualTo(1L << 30);
    assertThat(settings.spillSegmentBytes()).isEqualTo(16L << 20);
    assertThat(settings.stallTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.compression()).isEqualTo("zstd");
    assertThat(settings.linger()).isEqualTo(Duration.ofMillis(20));
    assertThat(settings.flushInterval()).isEqualTo(Duration.ofMillis(200));
    assertThat(settings.batchBytes()).isEqualTo(512 * 1024);
  }

  @Test
  void a_bad_value_names_its_setting() {
    assertThatThrownBy(
            () ->
                PublisherSettings.from(
                    ConfigLayers.fromDefaults(Map.of("publisher.spill-budget-bytes", "lots"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("publisher.spill-budget-bytes");
    assertThatThrownBy(
            () ->
                PublisherSettings.from(
                    ConfigLayers.fromDefaults(Map.of("publisher.compression", "brotli"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("compression");
  }

  @Test
  void the_constructor_validates() {
    PublisherSettings d = PublisherSettings.defaults();
    assertThatThrownBy(() -> d.withQueueCapacity(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withSpill(d.spillDirectory(), 4096, 8192))
        .hasMessageContaining("spillSegmentBytes");
    // zero would make the sender spin
    assertThatThrownBy(() -> d.withFlushInterval(Duration.ZERO))
        .hasMessageContaining("flushInterval");
    assertThat(PublisherSettings.parseBytes("256MiB")).isEqualTo(256L << 20);
    assertThat(PublisherSettings.parseBytes("1234")).isEqualTo(1234);
  }
}
