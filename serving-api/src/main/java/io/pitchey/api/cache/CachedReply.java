package io.pitchey.api.cache;

import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.pitchey.api.http.ETags;
import java.time.Duration;

/**
 * Sends a cached JSON body with the headers that let clients and shared caches reuse it: {@code
 * Cache-Control} from its policy, {@code ETag}, and {@code Age} when it was not just loaded, so a
 * downstream cache does not count its freshness from zero again. Answers {@code 304 Not Modified}
 * without a body when {@code If-None-Match} names the current tag.
 */
public final class CachedReply {
  private CachedReply() {}

  public static void sendJson(Context ctx, CachedBody body, Duration age) {
    ctx.header(Header.CACHE_CONTROL, body.policy().cacheControl());
    ctx.header(Header.ETAG, body.etag());
    long ageSeconds = age.toSeconds();
    if (ageSeconds > 0) {
      ctx.header(Header.AGE, Long.toString(ageSeconds));
    }
    if (ETags.matches(ctx.header(Header.IF_NONE_MATCH), body.etag())) {
      ctx.status(HttpStatus.NOT_MODIFIED);
      return;
    }
    ctx.contentType(ContentType.APPLICATION_JSON).result(body.body());
  }
}
