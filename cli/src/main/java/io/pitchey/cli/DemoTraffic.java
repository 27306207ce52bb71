package io.pitchey.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small, steady request mix against the demo API so its percentiles have something to show:
 *
 * <ul>
 *   <li>60% pitch pages by popularity (a Zipf law, as content views follow: a few are everywhere,
 *       most are rarely seen), a few of them bad requests (404, 400);
 *   <li>15% pitch lists (genres, sort orders, the first pages);
 *   <li>10% searches for words the demo texts use;
 *   <li>5% public user profiles, 5% live data (views recorded and read, trending), 5% the caller's
 *       own profile.
 * </ul>
 *
 * Fire-and-forget at a fixed rate with bounded concurrency, so a slow API slows the generator
 * instead of piling up requests.
 */
final class DemoTraffic implements AutoCloseable {
  private static final int MAX_IN_FLIGHT = 32;

  private final URI base;
  private final String token;
  private static final List<String> GENRES =
      List.of("drama", "comedy", "thriller", "sci-fi", "horror", "documentary", "mystery");
  private static final List<String> SORTS = List.of("newest", "most-viewed", "oldest", "title");
  private static final List<String> SEARCHES =
      List.of(
          "lighthouse",
          "lighthouse keeper",
          "astronaut",
          "heist hurricane",
          "grief forgiveness",
          "\"second chances\"",
          "jazz harlem",
          "chess prodigy",
          "orchard -summer",
          "smuggler conscience",
          "detective",
          "lunar colony");

  private final List<Long> pitchIds;
  private final List<Long> userIds;
  private final long unknownPitchIds;
  private final Zipf popularity;
  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "demo-traffic"));
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final SplittableRandom random = new SplittableRandom(42);
  private final LongAdder sent = new LongAdder();
  private final LongAdder answered = new LongAdder();
  private final LongAdder failed = new LongAdder();

  /**
   * @param pitchIds the public pitches, most popular first
   * @param userIds the users whose profiles are read, most popular first
   */
  DemoTraffic(URI base, String token, List<Long> pitchIds, List<Long> userIds) {
    this.base = base;
    this.token = token;
    this.pitchIds = List.copyOf(pitchIds);
    this.userIds = List.copyOf(userIds);
    this.unknownPitchIds = pitchIds.stream().mapToLong(Long::longValue).max().orElse(0) + 1;
    this.popularity = new Zipf(pitchIds.size(), 1.1);
  }

  DemoTraffic start(int requestsPerSecond) {
    long periodMicros = 1_000_000L / Math.max(1, requestsPerSecond);
    ticker.scheduleAtFixedRate(this::fire, 0, periodMicros, TimeUnit.MICROSECONDS);
    return this;
  }

  long sent() {
    return sent.sum();
  }

  /** Requests the API answered, whatever the status: each of them must show up in the database. */
  long answered() {
    return answered.sum();
  }

  long failed() {
    return failed.sum();
  }

  private void fire() {
    if (!inFlight.tryAcquire()) {
      return;
    }
    sent.increment();
    client
        .sendAsync(nextRequest(), HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              inFlight.release();
              if (response != null) {
                answered.increment();
              }
              if (error != null || response.statusCode() >= 500) {
                failed.increment();
              }
            });
  }

  private HttpRequest nextRequest() {
    int dice = random.nextInt(100);
    if (dice < 56) {
      return get("/api/pitches/" + popularPitch());
    } else if (dice < 58) {
      return get("/api/pitches/" + (unknownPitchIds + random.nextInt(1000)));
    } else if (dice < 60) {
      return get("/api/pitches/not-a-number");
    } else if (dice < 75) {
      return get(
          "/api/pitches?genre="
              + pick(GENRES)
              + "&sort="
              + pick(SORTS)
              + "&page="
              + (1 + random.nextInt(3)));
    } else if (dice < 85) {
      return get("/api/search?q=" + URLEncoder.encode(pick(SEARCHES), StandardCharsets.UTF_8));
    } else if (dice < 90) {
      return get("/api/users/" + userIds.get(random.nextInt(Math.min(200, userIds.size()))));
    } else if (dice < 95) {
      return live(dice);
    }
    return get("/api/me");
  }

  /** Views recorded, a pitch's live count, and what is trending. */
  private HttpRequest live(int dice) {
    long pitch = popularPitch();
    return switch (dice) {
      case 90, 91 ->
          request("/api/pitches/" + pitch + "/views")
              .POST(HttpRequest.BodyPublishers.noBody())
              .build();
      case 92, 93 -> get("/api/live/pitches/" + pitch + "/views");
      default -> get("/api/live/trending");
    };
  }

  private long popularPitch() {
    return pitchIds.get(popularity.sample(random) - 1);
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  private HttpRequest get(String path) {
    return request(path).GET().build();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(5))
        .header("Authorization", "Bearer " + token);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      inFlight.tryAcquire(MAX_IN_FLIGHT, 5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
  }

  /** Ranks 1..n drawn with probability proportional to 1/k^s, by binary search over the CDF. */
  private static final class Zipf {
    private final double[] cumulative;

    Zipf(int n, double s) {
      cumulative = new double[n];
      double sum = 0;
      for (int k = 1; k <= n; k++) {
        sum += 1 / Math.pow(k, s);
        cumulative[k - 1] = sum;
      }
      for (int k = 0; k < n; k++) {
        cumulative[k] /= sum;
      }
    }

    int sample(SplittableRandom random) {
      int index = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
      return 1 + (index >= 0 ? index : Math.min(-index - 1, cumulative.length - 1));
    }
  }
}
