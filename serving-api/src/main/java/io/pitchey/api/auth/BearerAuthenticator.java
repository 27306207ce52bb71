package io.pitchey.api.auth;

import static io.pitchey.api.db.schema.Tables.API_TOKENS;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.pitchey.api.http.ApiException;
import java.time.Clock;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Finds the user behind a request's {@code Authorization: Bearer <token>} header (RFC 6750) by the
 * token's SHA-256 in {@code app.api_tokens}; expiry is judged against the injected clock.
 * Thread-safe.
 */
public final class BearerAuthenticator {
  private static final String SCHEME = "bearer ";

  private final DSLContext sql;
  private final Clock clock;

  public BearerAuthenticator(DSLContext sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /**
   * The id of the user the request is authenticated as.
   *
   * @throws ApiException an unauthorized problem if there is no valid, unexpired token
   */
  public long requireUser(Context ctx) {
    String token = bearerToken(ctx.header(Header.AUTHORIZATION));
    Long userId =
        sql.select(API_TOKENS.USER_ID)
            .from(API_TOKENS)
            .where(API_TOKENS.TOKEN_SHA256.eq(Tokens.sha256(token)))
            .and(API_TOKENS.EXPIRES_AT.isNull().or(API_TOKENS.EXPIRES_AT.gt(clock.instant())))
            .fetchOne(API_TOKENS.USER_ID);
    if (userId == null) {
      throw ApiException.unauthorized("The bearer token is not valid or has expired.");
    }
    return userId;
  }

  private static String bearerToken(@Nullable String authorization) {
    if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
      throw ApiException.unauthorized("Send 'Authorization: Bearer <token>'.");
    }
    String token = authorization.substring(SCHEME.length()).strip();
    if (token.isEmpty()) {
      throw ApiException.unauthorized("The bearer token is empty.");
    }
    return token;
  }
}
