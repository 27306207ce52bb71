package io.pitchey.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitchey.api.demo.DemoData;
import io.pitchey.api.support.ApiClient;
import io.pitchey.api.support.ApiFixture;
import io.pitchey.api.support.Json;
import io.pitchey.api.support.MutableClock;
import io.pitchey.api.support.RecordingPublisher;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-caller rate limit on a running API, 2 requests a second with a burst of 4, on a clock
 * that moves only when the test moves it. Each test is its own caller (a valid token of its own);
 * every request comes from one address, whose bucket each new caller lets refill first.
 */
@ExtendWith(DevStackExtension.class)
class RateLimitTest {
  @TempDir static Path cacheDir;
  private static final RecordingPublisher events = new RecordingPublisher();
  private static final MutableClock clock = MutableClock.atNow();
  private static ApiFixture api;
  private static ApiClient client;
  private static long user;

  @BeforeAll
  static void start(LocalPostgres postgres) {
    api =
        ApiFixture.start(
            postgres,
            cacheDir,
            events,
            clock,
            Map.of(
                "ratelimit.enabled", "true",
                "ratelimit.per-second", "2",
                "ratelimit.burst", "4"));
    client = api.client();
    user = DemoData.seed(api.dataSource(), 1, 0, 1).userIds().get(0);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  /**
   * A token of its own, confirmed by a route that authenticates, so the limiter knows it. That
   * first request counts against the address, whose bucket is refilled first.
   */
  private static String newCaller() {
    refillTheAddressBucket();
    String caller = "Bearer " + DemoData.createToken(api.dataSource(), user);
    assertThat(get("/api/me", caller).statusCode()).isEqualTo(200);
    return caller;
  }

  private static void refillTheAddressBucket() {
    clock.advance(Duration.ofSeconds(10));
  }

  private static String inventedToken() {
    return "Bearer invented-" + UUID.randomUUID();
  }

  private static HttpResponse<String> get(String path, String caller) {
    return client.get(path, "Authorization", caller);
  }

  @Test
  void a_caller_over_its_burst_is_a_429_with_retry_after() {
    String caller = newCaller();
    for (int i = 0; i < 4; i++) {
      assertThat(get("/api/pitches/1", caller).statusCode()).isEqualTo(404);
    }

    HttpResponse<String> refused = get("/api/pitches/1", caller);

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(refused.headers().firstValue("RateLimit-Limit")).hasValue("4");
    assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
    assertThat(Json.of(refused).path("type").asText())
        .isEqualTo("urn:pitchey:problem:rate-limited");
    assertThat(events.awaitEventOf(ApiClient.requestIdOf(refused)).errorType())
        .isEqualTo("rate-limited");
  }

  @Test
  void remaining_requests_are_counted_down_in_the_headers() {
    String caller = newCaller();

    HttpResponse<String> first = get("/api/pitches/1", caller);
    HttpResponse<String> second = get("/api/pitches/1", caller);

    assertThat(first.headers().firstValue("RateLimit-Remaining")).hasValue("3");
    assertThat(second.headers().firstValue("RateLimit-Remaining")).hasValue("2");
  }

  @Test
  void the_bucket_refills_as_the_clock_moves() {
    String caller = newCaller();
    for (int i = 0; i < 4; i++) {
      get("/api/pitches/1", caller);
    }
    assertThat(get("/api/pitches/1", caller).statusCode()).isEqualTo(429);

    clock.advance(Duration.ofMillis(500)); // one request's worth at 2 a second

    assertThat(get("/api/pitches/1", caller).statusCode()).isEqualTo(404);
    assertThat(get("/api/pitches/1", caller).statusCode()).isEqualTo(429);
  }

  @Test
  void callers_are_limited_separately() {
    String greedy = newCaller();
    String modest = newCaller();
    for (int i = 0; i < 5; i++) {
      get("/api/pitches/1", greedy);
    }

    assertThat(get("/api/pitches/1", greedy).statusCode()).isEqualTo(429);
    assertThat(get("/api/pitches/1", modest).statusCode()).isEqualTo(404);
  }

  @Test
  void invented_tokens_from_one_address_share_the_address_bucket() {
    String known = newCaller();
    refillTheAddressBucket();
    for (int i = 0; i < 4; i++) {
      assertThat(get("/api/pitches/1", inventedToken()).statusCode()).isEqualTo(404);
    }

    HttpResponse<String> refused = get("/api/pitches/1", inventedToken());

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(client.get("/api/pitches/1").statusCode()).isEqualTo(429); // no token: same bucket
    assertThat(get("/api/pitches/1", known).statusCode()).isEqualTo(404); // its own bucket
  }

  @Test
  void health_checks_are_never_limited() {
    String balancer = newCaller();
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> response = get("/api/health", balancer);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("RateLimit-Remaining")).isEmpty();
    }
  }
}
