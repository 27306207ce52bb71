package io.pitchey.api.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;

/**
 * Refuses a request whose declared body ({@code Content-Length}) is over {@code
 * http.max-body-bytes} with a 413 problem before any handler runs, on every path, matched or not.
 *
 * <p>Two more guards complete it: a body sent without a length (chunked) is bounded while it is
 * read, by Javalin's {@code maxRequestSize} (set to the same limit, answered 413 by {@link
 * ProblemMapper}); and a route that reads its own body with a larger bound of its own (the NDJSON
 * ingest endpoint, {@code ingest.max-bytes}) is left to that bound, so that it can authenticate
 * before it judges the size.
 */
public final class BodyLimit implements Routes {
  private final int maxBytes;
  private final Set<String> selfLimitedPaths;

  /**
   * @param maxBytes the largest body, in bytes
   * @param selfLimitedPaths paths whose handlers bound their bodies themselves
   */
  public BodyLimit(int maxBytes, Set<String> selfLimitedPaths) {
    this.maxBytes = maxBytes;
    this.selfLimitedPaths = Set.copyOf(selfLimitedPaths);
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.before(this::check);
  }

  private void check(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes && !selfLimitedPaths.contains(ctx.path())) {
      throw new ApiException(
          ProblemType.PAYLOAD_TOO_LARGE,
          "The body has "
              + declared
              + " bytes; at most "
              + maxBytes
              + " bytes are accepted by this endpoint.");
    }
  }
}
