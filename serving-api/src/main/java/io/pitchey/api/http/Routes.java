package io.pitchey.api.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

/**
 * A feature's endpoints. Each feature package has one; {@code ServingApi} lists them, so adding a
 * feature is one class and one line.
 */
@FunctionalInterface
public interface Routes {
  void addTo(RoutesConfig routes);

  /**
   * Registers {@code handler} for GET and HEAD on {@code path}. Without its own HEAD route, Javalin
   * answers HEAD for a GET route with an empty 200 of its own, running no handler: a missing pitch
   * would look present and {@code /api/me} would answer without a token. Jetty drops the body of a
   * HEAD response, so the handler answers as for GET: same status and headers, no body.
   */
  static void getAndHead(RoutesConfig routes, String path, Handler handler) {
    routes.get(path, handler);
    routes.head(path, handler);
  }
}
