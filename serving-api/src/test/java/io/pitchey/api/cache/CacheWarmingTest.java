package io.pitchey.api.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitchey.api.demo.DemoData;
import io.pitchey.api.support.ApiFixture;
import io.pitchey.api.support.Json;
import io.pitchey.api.support.MutableClock;
import io.pitchey.api.support.RecordingPublisher;
import io.pitchey.api.support.TestPitches;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(DevStackExtension.class)
class CacheWarmingTest {
  private static final String TOKEN = "admin-secret-for-tests-0123456789";

  @Test
  void configured_paths_are_cached_at_start_up_and_a_failing_one_does_not_stop_it(
      LocalPostgres postgres, @TempDir Path seedCacheDir, @TempDir Path cacheDir) {
    MutableClock clock = MutableClock.atNow();
    try (ApiFixture seeded =
        ApiFixture.start(postgres, seedCacheDir, new RecordingPublisher(), clock)) {
      long owner = DemoData.seed(seeded.dataSource(), 1, 0, 1).userIds().get(0);
      long id = new TestPitches(seeded.dataSource(), owner).insertPublished("The Quiet Harbor");
      Map<String, String> flags =
          Map.of(
              "cache.warm-paths",
              "/api/pitches/999999999, /api/pitches/" + id,
              "instance",
              "warmed",
              "admin.token",
              TOKEN);

      try (ApiFixture warmed =
          ApiFixture.startOn(
              postgres, seeded.database(), cacheDir, new RecordingPublisher(), clock, flags)) {
        await().atMost(Duration.ofSeconds(20)).until(() -> keys(warmed) == 1);

        assertThat(warmed.client().get("/api/pitches/" + id).headers().firstValue("X-Cache-Status"))
            .hasValue("HIT");
      }
    }
  }

  private static int keys(ApiFixture api) {
    return Json.of(api.client().get("/api/admin/cache/stats", "Authorization", "Bearer " + TOKEN))
        .path("keys")
        .asInt();
  }
}
