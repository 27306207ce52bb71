package io.pitchey.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * pitches by popularity (a Zipf law, as content views follow: a few are everywhere, most are rarely
 * seen), the caller's profile, health checks, and a few bad requests (404, 400). Fire-and-forget at
 * a fixed rate with bounded concurrency, so a slow API slows the generator instead of piling up
 * requests.
 */
final class DemoTraffic implements AutoCloseable {
  private static final int MAX_IN_FLIGHT = 32;

  private final URI base;
  private final String token;
  private final List<Long> pitchIds;
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
   */
  DemoTraffic(URI base, String token, List<Long> pitchIds) {
    this.base = base;
    this.token = token;
    this.pitchIds = List.copyOf(pitchIds);
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
    String path;
    if (dice < 80) {
      path = "/api/pitches/" + pitchIds.get(popularity.sample(random) - 1);
    } else if (dice < 88) {
      path = "/api/me";
    } else if (dice < 95) {
      path = "/api/health";
    } else if (dice < 98) {
      path = "/api/pitches/" + (unknownPitchIds + random.nextInt(1000));
    } else {
      path = "/api/pitches/not-a-number";
    }
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(5))
        .header("Authorization", "Bearer " + token)
        .GET()
        .build();
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
