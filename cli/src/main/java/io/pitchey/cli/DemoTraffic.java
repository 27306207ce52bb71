package io.pitchey.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small, steady request mix against the demo API so its percentiles have something to show:
 * mostly popular pitches (cache hits), a long tail of others (misses), the caller's profile, health
 * checks, and a few bad requests (404, 400). Fire-and-forget at a fixed rate with bounded
 * concurrency, so a slow API slows the generator instead of piling up requests.
 */
final class DemoTraffic implements AutoCloseable {
  private static final int MAX_IN_FLIGHT = 32;

  private final URI base;
  private final String token;
  private final int pitchCount;
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

  DemoTraffic(URI base, String token, int pitchCount) {
    this.base = base;
    this.token = token;
    this.pitchCount = pitchCount;
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
    if (dice < 60) {
      path = "/api/pitches/" + popularPitch();
    } else if (dice < 80) {
      path = "/api/pitches/" + (1 + random.nextInt(pitchCount));
    } else if (dice < 88) {
      path = "/api/me";
    } else if (dice < 95) {
      path = "/api/health";
    } else if (dice < 98) {
      path = "/api/pitches/" + (pitchCount + 1 + random.nextInt(1000));
    } else {
      path = "/api/pitches/not-a-number";
    }
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(5))
        .header("Authorization", "Bearer " + token)
        .GET()
        .build();
  }

  /** A skewed pick among the first few pitches: the ones everybody looks at. */
  private int popularPitch() {
    double u = random.nextDouble();
    return 1 + (int) (Math.min(20, pitchCount) * u * u);
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
}
