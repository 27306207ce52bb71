package io.pitchey.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLayersTest {

  @Test
  void environment_names_map_to_dotted_keys() {
    assertThat(ConfigLayers.keyOf("PITCHEY_DB_READ_URL")).isEqualTo("db.read-url");
    assertThat(ConfigLayers.keyOf("PITCHEY_KAFKA_BOOTSTRAP")).isEqualTo("kafka.bootstrap");
    assertThat(ConfigLayers.keyOf("PITCHEY_REGION")).isEqualTo("region");
    assertThat(ConfigLayers.envNameOf("db.read-url")).isEqualTo("PITCHEY_DB_READ_URL");
  }

  @Test
  void flags_beat_environment_which_beats_file_which_beats_defaults(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("pitchey.conf");
    Files.writeString(file, "region = from-file\nhttp.port = 9000\ninstance = file-instance\n");

    Settings settings =
        ConfigLayers.load(
            Map.of("http.port", 7070, "extra", "default"),
            file,
            Map.of(
                "PITCHEY_REGION", "from-env", "PITCHEY_INSTANCE", "env-instance", "PATH", "/bin"),
            Map.of("instance", "flag-instance"));

    assertThat(settings.string("region")).isEqualTo("from-env");
    assertThat(settings.port("http.port")).isEqualTo(9000);
    assertThat(settings.string("instance")).isEqualTo("flag-instance");
    assertThat(settings.string("extra")).isEqualTo("default");
  }

  @Test
  void a_bad_value_names_the_setting_its_origin_and_how_to_set_it() {
    Settings settings =
        ConfigLayers.load(Map.of(), null, Map.of("PITCHEY_HTTP_PORT", "70000"), Map.of());

    assertThatThrownBy(() -> settings.port("http.port"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("http.port")
        .hasMessageContaining("between 0 and 65535")
        .hasMessageContaining("PITCHEY_HTTP_PORT");
  }

  @Test
  void a_database_url_that_is_not_postgres_is_rejected() {
    Settings settings =
        ConfigLayers.load(Map.of(), null, Map.of("PITCHEY_DB_URL", "jdbc:mysql://x/y"), Map.of());

    assertThatThrownBy(() -> DatabaseSettings.from(settings))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("db.url")
        .hasMessageContaining("jdbc:postgresql:");
  }

  @Test
  void the_defaults_describe_a_local_database_with_an_empty_password() {
    DatabaseSettings db =
        DatabaseSettings.from(ConfigLayers.load(Map.of(), null, Map.of(), Map.of()));

    assertThat(db.url()).isEqualTo("jdbc:postgresql://localhost:5432/pitchey");
    assertThat(db.password()).isEmpty();
    assertThat(db.readUrl()).isEmpty();
  }

  @Test
  void node_identity_rejects_the_key_separator() {
    assertThatThrownBy(() -> new NodeIdentity("api", "eu|west", "i-1"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("region");
  }

  @Test
  void a_missing_config_file_is_an_error() {
    assertThatThrownBy(
            () -> ConfigLayers.load(Map.of(), Path.of("does-not-exist.conf"), Map.of(), Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("does-not-exist.conf");
  }
}
