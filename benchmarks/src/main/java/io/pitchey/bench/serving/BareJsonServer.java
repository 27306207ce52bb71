package io.pitchey.bench.serving;

import io.javalin.Javalin;
import java.util.Map;

/**
 * The baseline: a bare Javalin server, configured as the API is (virtual threads), answering one
 * small JSON object serialised per request. Nothing Pitchey does is in its path.
 */
final class BareJsonServer implements AutoCloseable {
  static final String PATH = "/bare";

  private final Javalin http;

  private BareJsonServer(Javalin http) {
    this.http = http;
  }

  static BareJsonServer start() {
    Javalin http =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.concurrency.useVirtualThreads = true;
              config.routes.get(
                  PATH,
                  ctx ->
                      ctx.json(
                          Map.of(
                              "id", 42,
                              "title", "A baseline pitch",
                              "logline", "Nothing but Javalin and Jackson between you and this.",
                              "genre", "drama")));
            });
    return new BareJsonServer(http.start(0));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + http.port();
  }

  @Override
  public void close() {
    http.stop();
  }
}
