package io.pitchey.api.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitchey.api.support.ApiClient;
import io.pitchey.api.support.ApiFixture;
import io.pitchey.api.support.Json;
import io.pitchey.api.support.MutableClock;
import io.pitchey.api.support.RecordingPublisher;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A database that stops answering, or answers too slowly, makes a request a quick 503, never a
 * hang: the pool's connection timeout and the statement timeout bound every wait.
 */
@Isolated // stops the shared PostgreSQL
@ExtendWith(DevStackExtension.class)
class DatabaseOutageTest {
  private static final Duration BOUND = Duration.ofSeconds(5); // a sanity bound, not a measurement
  @TempDir static Path cacheDir;
  private static final RecordingPublisher events = new RecordingPublisher();
  private static ApiFixture api;
  private static ApiClient client;

  @BeforeAll
  static void start(LocalPostgres postgres) {
    api =
        ApiFixture.start(
            postgres,
            cacheDir,
            events,
            MutableClock.atNow(),
            Map.of("db.statement-timeout", "300ms", "db.connection-timeout", "500ms"));
    client = api.client();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void a_query_over_the_statement_timeout_is_a_503_db_timeout(LocalPostgres postgres)
      throws Exception {
    try (Connection locker = api.dataSource().getConnection();
        Statement statement = locker.createStatement()) {
      locker.setAutoCommit(false);
      statement.execute("lock table app.pitches in access exclusive mode");
      try {
        long start = System.nanoTime();
        HttpResponse<String> response = client.get("/api/pitches/101");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(Json.of(response).path("type").asText())
            .isEqualTo("urn:pitchey:problem:db-timeout");
        assertThat(events.awaitEventOf(ApiClient.requestIdOf(response)).errorType())
            .isEqualTo("db-timeout");
      } finally {
        locker.rollback();
      }
    }
  }

  @Test
  void a_stopped_database_is_a_quick_503_and_the_api_recovers_when_it_returns(
      LocalPostgres postgres) {
    assertThat(client.get("/api/pitches/102").statusCode()).isEqualTo(404);
    postgres.stop();
    try {
      long start = System.nanoTime();
      HttpResponse<String> response = client.get("/api/pitches/103");

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(Json.of(response).path("type").asText())
          .isEqualTo("urn:pitchey:problem:unavailable");
    } finally {
      postgres.restart();
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> client.get("/api/pitches/104").statusCode() == 404);
  }
}
