package io.pitchey.api.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitchey.api.demo.DemoData;
import io.pitchey.api.support.ApiClient;
import io.pitchey.api.support.ApiFixture;
import io.pitchey.api.support.Json;
import io.pitchey.api.support.MutableClock;
import io.pitchey.api.support.RecordingPublisher;
import io.pitchey.api.support.TestPitches;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.EmbeddedKafka;
import io.pitchey.devstack.LocalPostgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two instances of one deployment, sharing invalidations over the real broker. */
@ExtendWith(DevStackExtension.class)
class CrossInstanceInvalidationTest {
  private static final String TOKEN = "admin-secret-for-tests-0123456789";

  @Test
  void an_invalidation_on_one_instance_drops_the_entry_on_the_other(
      LocalPostgres postgres,
      EmbeddedKafka kafka,
      @TempDir Path cacheDirA,
      @TempDir Path cacheDirB) {
    MutableClock clock = MutableClock.atNow();
    try (ApiFixture a =
            ApiFixture.start(
                postgres, cacheDirA, new RecordingPublisher(), clock, flags(kafka, "instance-a"));
        ApiFixture b =
            ApiFixture.startOn(
                postgres,
                a.database(),
                cacheDirB,
                new RecordingPublisher(),
                clock,
                flags(kafka, "instance-b"))) {
      long owner = DemoData.seed(a.dataSource(), 1, 0, 1).userIds().get(0);
      long id = new TestPitches(a.dataSource(), owner).insertPublished("The Quiet Harbor");
      String path = "/api/pitches/" + id;
      b.client().get(path);
      assertThat(cacheStatus(b.client(), path)).isEqualTo("HIT");

      HttpResponse<String> invalidated = invalidate(a, "pitch:*");

      assertThat(invalidated.statusCode()).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Json.of(stats(b)).path("keys").asInt() == 0);
      assertThat(cacheStatus(b.client(), path)).isEqualTo("MISS");
    }
  }

  private static Map<String, String> flags(EmbeddedKafka kafka, String instance) {
    return Map.of(
        "cache.invalidation-bus",
        "true",
        "kafka.bootstrap",
        kafka.bootstrapServers(),
        "instance",
        instance,
        "admin.token",
        TOKEN);
  }

  private static String cacheStatus(ApiClient client, String path) {
    return client.get(path).headers().firstValue("X-Cache-Status").orElseThrow();
  }

  private static HttpResponse<String> stats(ApiFixture api) {
    return api.client().get("/api/admin/cache/stats", "Authorization", "Bearer " + TOKEN);
  }

  private static HttpResponse<String> invalidate(ApiFixture api, String pattern) {
    return api.client()
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + api.port()
                            + "/api/admin/cache/invalidate?pattern="
                            + pattern))
                .header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
  }
}
