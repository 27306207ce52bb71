package io.pitchey.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitchey.api.demo.DemoData;
import io.pitchey.api.support.ApiClient;
import io.pitchey.api.support.ApiFixture;
import io.pitchey.api.support.MutableClock;
import io.pitchey.api.support.RecordingPublisher;
import io.pitchey.api.support.TestPitches;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(DevStackExtension.class)
class GracefulStopTest {
  @TempDir Path cacheDir;

  @Test
  void a_request_in_flight_when_the_api_stops_still_gets_its_answer(LocalPostgres postgres)
      throws Exception {
    ApiFixture api =
        ApiFixture.start(
            postgres,
            cacheDir,
            new RecordingPublisher(),
            MutableClock.atNow(),
            Map.of("db.statement-timeout", "30s"));
    long owner = DemoData.seed(api.dataSource(), 1, 0, 1).userIds().get(0);
    long id = new TestPitches(api.dataSource(), owner).insertPublished("The Last Request");
    ApiClient client = api.client();
    int port = api.port();

    // a connection of its own: the fixture's pools close with the API
    try (Connection locker =
        DriverManager.getConnection(
            postgres.jdbcUrl(api.database()), postgres.user(), postgres.password())) {
      locker.setAutoCommit(false);
      try (Statement lock = locker.createStatement()) {
        lock.execute("lock table app.pitches in access exclusive mode");
      }
      CompletableFuture<HttpResponse<String>> inFlight =
          CompletableFuture.supplyAsync(() -> client.get("/api/pitches/" + id));
      await().atMost(Duration.ofSeconds(10)).until(() -> queriesWaitingForALock(locker) > 0);

      CompletableFuture<Void> stopping = CompletableFuture.runAsync(api::close);
      await().atMost(Duration.ofSeconds(4)).until(() -> turnsAwayNewRequests(port));
      locker.commit(); // the request's query can run now

      assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      stopping.get(10, TimeUnit.SECONDS);
    }
  }

  private static int queriesWaitingForALock(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "select count(*) from pg_stat_activity"
                    + " where wait_event_type = 'Lock' and datname = current_database()")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /** Stopping: new requests are refused (503) or their connections are, while old ones finish. */
  private static boolean turnsAwayNewRequests(int port) {
    try {
      return new ApiClient(port).get("/api/health").statusCode() == 503;
    } catch (UncheckedIOException e) {
      return true;
    }
  }
}
