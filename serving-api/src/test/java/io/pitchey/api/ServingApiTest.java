package io.pitchey.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitchey.api.support.ApiFixture;
import io.pitchey.api.support.MutableClock;
import io.pitchey.api.support.RecordingPublisher;
import io.pitchey.api.support.UnreachableDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingApiTest {
  @TempDir Path cacheDir;

  @Test
  void a_failed_start_leaves_nothing_open() throws IOException {
    ServeConfig config =
        ApiFixture.config("jdbc:postgresql://127.0.0.1:1/none", "nobody", "-", cacheDir);
    try (ServerSocket taken = new ServerSocket(0)) {
      ServeConfig onTakenPort =
          new ServeConfig(
              taken.getLocalPort(),
              config.db(),
              config.dbPoolSize(),
              config.kafka(),
              config.node(),
              config.cache(),
              config.publisher());

      assertThatThrownBy(() -> start(onTakenPort)).isInstanceOf(RuntimeException.class);
    }

    // Ehcache locks its directory while open: a second start on it proves the first released it
    try (ServingApi api = start(config)) {
      assertThat(api.port()).isPositive();
    }
  }

  private static ServingApi start(ServeConfig config) {
    return ServingApi.start(
        config, UnreachableDatabase.dataSource(), new RecordingPublisher(), MutableClock.atNow());
  }
}
