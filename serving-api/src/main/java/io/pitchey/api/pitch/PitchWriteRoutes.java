package io.pitchey.api.pitch;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.pitchey.api.auth.BearerAuthenticator;
import io.pitchey.api.cache.ResponseCache;
import io.pitchey.api.http.ApiException;
import io.pitchey.api.http.ApiJson;
import io.pitchey.api.http.PathIds;
import io.pitchey.api.http.ProblemType;
import io.pitchey.api.http.Routes;
import io.pitchey.api.timing.RequestTiming;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import java.io.IOException;
import java.time.Clock;

/**
 * Writing pitches, for their owners: {@code POST /api/pitches} (201 with {@code Location}), {@code
 * PUT /api/pitches/{id}} (the whole pitch replaced) and {@code DELETE /api/pitches/{id}} (204).
 *
 * <p>Another user's public pitch answers 403; another user's draft answers 404, as if it did not
 * exist, because to them it does not. Every write drops what it made stale ({@link
 * PitchInvalidation}) after it is committed.
 */
public final class PitchWriteRoutes implements Routes {
  private final BearerAuthenticator authenticator;
  private final PitchRepository pitches;
  private final ResponseCache cache;
  private final Clock clock;

  public PitchWriteRoutes(
      BearerAuthenticator authenticator,
      PitchRepository pitches,
      ResponseCache cache,
      Clock clock) {
    this.authenticator = authenticator;
    this.pitches = pitches;
    this.cache = cache;
    this.clock = clock;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.post("/api/pitches", this::create);
    routes.put("/api/pitches/{id}", this::replace);
    routes.delete("/api/pitches/{id}", this::delete);
  }

  private void create(Context ctx) throws IOException {
    markWrite(ctx);
    long userId = authenticator.requireUser(ctx);
    PitchDraft draft = ApiJson.mapper().readValue(ctx.bodyAsBytes(), PitchDraft.class);
    long id = pitches.insert(userId, draft, clock.instant());
    PitchInvalidation.afterChangeOf(cache, id, userId);
    ctx.status(HttpStatus.CREATED).header(Header.LOCATION, "/api/pitches/" + id);
    ctx.json(ownersView(id));
  }

  private void replace(Context ctx) throws IOException {
    markWrite(ctx);
    long id = PathIds.positive(ctx, "id");
    long userId = authenticator.requireUser(ctx);
    PitchDraft draft = ApiJson.mapper().readValue(ctx.bodyAsBytes(), PitchDraft.class);
    if (!pitches.updateOwned(id, userId, draft, clock.instant())) {
      throw refusal(id, userId);
    }
    PitchInvalidation.afterChangeOf(cache, id, userId);
    ctx.json(ownersView(id));
  }

  private void delete(Context ctx) {
    markWrite(ctx);
    long id = PathIds.positive(ctx, "id");
    long userId = authenticator.requireUser(ctx);
    if (!pitches.deleteOwned(id, userId)) {
      throw refusal(id, userId);
    }
    PitchInvalidation.afterChangeOf(cache, id, userId);
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private static void markWrite(Context ctx) {
    RequestTiming.of(ctx).contentClass(ContentClass.PITCH).cacheStatus(CacheStatus.BYPASS);
  }

  /** The pitch as its owner sees it, drafts included; it may be gone already if deleted since. */
  private Pitch ownersView(long id) {
    return pitches
        .find(id)
        .orElseThrow(() -> ApiException.notFound("Pitch " + id + " was deleted meanwhile."));
  }

  /**
   * Why the caller could not change the pitch: it is absent (or not theirs to see), or theirs not.
   */
  private ApiException refusal(long id, long userId) {
    return pitches
        .ownership(id)
        .filter(owned -> owned.isPublic() && owned.ownerId() != userId)
        .map(
            owned ->
                new ApiException(
                    ProblemType.FORBIDDEN, "Only the owner of pitch " + id + " may change it."))
        .orElseGet(() -> ApiException.notFound("There is no pitch " + id + "."));
  }
}
