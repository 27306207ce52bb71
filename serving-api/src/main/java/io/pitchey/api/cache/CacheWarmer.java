package io.pitchey.api.cache;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the configured paths ({@code cache.warm-paths}) into the cache right after start, by
 * requesting them from the running server as a client would: the route code builds the same keys
 * and bodies it would for the first real request, so warming cannot drift from serving.
 *
 * <p>Runs on its own thread, one path after another, each request bounded; a failure is logged and
 * the next path tried. Start-up does not wait for it. {@link #close()} stops it (bounded).
 */
public final class CacheWarmer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CacheWarmer.class);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final Thread thread;

  private CacheWarmer(Thread thread) {
    this.thread = thread;
  }

  /** Starts requesting {@code paths} from {@code http://localhost:<port>}. */
  public static CacheWarmer start(int port, List<String> paths) {
    URI base = URI.create("http://localhost:" + port);
    Thread thread =
        Thread.ofPlatform().daemon(true).name("cache-warmer").unstarted(() -> warm(base, paths));
    thread.start();
    return new CacheWarmer(thread);
  }

  private static void warm(URI base, List<String> paths) {
    if (paths.isEmpty()) {
      return;
    }
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build()) {
      int warmed = 0;
      for (String path : paths) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        warmed += warm(client, base.resolve(path)) ? 1 : 0;
      }
      log.info("cache warmed: {} of {} paths", warmed, paths.size());
    }
  }

  private static boolean warm(HttpClient client, URI uri) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Accept-Encoding", "br, gzip")
            .GET()
            .build();
    try {
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 200) {
        log.warn("cache warming: {} answered {}", uri.getPath(), status);
      }
      return status == 200;
    } catch (IOException e) {
      log.warn("cache warming: {} failed: {}", uri.getPath(), e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether it is still warming. */
  public boolean running() {
    return thread.isAlive();
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(STOP_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
