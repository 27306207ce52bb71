package io.pitchey.api.http;

import io.javalin.config.RoutesConfig;

/**
 * A feature's endpoints. Each feature package has one; {@code ServingApi} lists them, so adding a
 * feature is one class and one line.
 */
@FunctionalInterface
public interface Routes {
  void addTo(RoutesConfig routes);
}
