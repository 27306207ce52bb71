package io.pitchey.api.pitch;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.api.demo.DemoData;
import io.pitchey.api.support.ApiFixture;
import io.pitchey.api.support.Json;
import io.pitchey.api.support.MutableClock;
import io.pitchey.api.support.RecordingPublisher;
import io.pitchey.api.support.TestPitches;
import io.pitchey.config.DatabaseSettings;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.Migrations;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code db.read-url} set, public reads are answered by the replica. The "replica" is a second
 * database on the same server holding a pitch the primary does not have, so whichever answers is
 * plain from the response.
 */
@ExtendWith(DevStackExtension.class)
class ReadReplicaRoutesTest {

  @Test
  void a_configured_replica_answers_pitch_reads(LocalPostgres postgres, @TempDir Path cacheDir) {
    String replica = postgres.createUniqueDatabase("replica");
    try (HikariDataSource replicaSetup =
        DataSources.pooled(
            new DatabaseSettings(
                postgres.jdbcUrl(replica), postgres.user(), postgres.password(), Optional.empty()),
            "replica-test-setup",
            2)) {
      Migrations.migrate(replicaSetup);
      long owner = DemoData.seed(replicaSetup, 1, 0, 1).userIds().get(0);
      long id = new TestPitches(replicaSetup, owner).insertPublished("Only On The Replica");

      try (ApiFixture api =
          ApiFixture.start(
              postgres,
              cacheDir,
              new RecordingPublisher(),
              MutableClock.atNow(),
              Map.of("db.read-url", postgres.jdbcUrl(replica)))) {
        HttpResponse<String> pitch = api.client().get("/api/pitches/" + id);
        HttpResponse<String> list = api.client().get("/api/pitches");

        assertThat(pitch.statusCode()).isEqualTo(200);
        assertThat(Json.of(pitch).path("title").asText()).isEqualTo("Only On The Replica");
        assertThat(Json.of(list).path("items").get(0).path("id").asLong()).isEqualTo(id);
      }
    }
  }
}
