package io.pitchey.api.auth;

import static io.pitchey.api.db.schema.Tables.API_TOKENS;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.pitchey.api.http.ApiException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Finds the user behind a request's {@code Authorization: Bearer <token>} header (RFC 6750) by the
 * token's SHA-256 in {@code app.api_tokens}; expiry is judged against the injected clock.
 * Thread-safe.
 *
 * <p>Statuses (RFC 6750 §3.1), all as problems:
 *
 * <ul>
 *   <li>401 {@code unauthorized} with {@code WWW-Authenticate: Bearer} when no bearer token is sent
 *       (the client is told which scheme to use, nothing more);
 *   <li>401 with {@code WWW-Authenticate: Bearer error="invalid_token"} when the token is unknown,
 *       revoked or expired: the client should get a new one;
 *   <li>403 {@code forbidden} is never answered here: it is for a valid token whose user may not do
 *       what was asked (a route's decision), and retrying with the same token will not help.
 * </ul>
 *
 * <p>No secret is compared in Java: the token is hashed and the hash looked up by the database's
 * index. Timing can at most tell how long a prefix of a SHA-256 matched a stored one, which helps
 * nobody guess a token (finding input with a chosen hash prefix is the preimage problem). Tokens
 * are looked up on the primary on every request, so a token revoked or issued a moment ago takes
 * effect at once. Each confirmed token is remembered in {@link VerifiedTokens} for the rate
 * limiter; that never lets a request in, it only decides whose bucket a request is counted in.
 */
public final class BearerAuthenticator {
  private static final String SCHEME = "bearer ";
  private static final String INVALID_TOKEN =
      "Bearer error=\"invalid_token\", error_description=\"The token is unknown or expired\"";

  private final DSLContext sql;
  private final Clock clock;
  private final VerifiedTokens verified;

  public BearerAuthenticator(DSLContext sql, Clock clock, VerifiedTokens verified) {
    this.sql = sql;
    this.clock = clock;
    this.verified = verified;
  }

  /**
   * The id of the user the request is authenticated as.
   *
   * @throws ApiException an unauthorized problem if there is no valid, unexpired token
   */
  public long requireUser(Context ctx) {
    String token = bearerToken(ctx.header(Header.AUTHORIZATION));
    byte[] hash = Tokens.sha256(token);
    Long userId =
        sql.select(API_TOKENS.USER_ID)
            .from(API_TOKENS)
            .where(API_TOKENS.TOKEN_SHA256.eq(hash))
            .and(API_TOKENS.EXPIRES_AT.isNull().or(API_TOKENS.EXPIRES_AT.gt(clock.instant())))
            .fetchOne(API_TOKENS.USER_ID);
    if (userId == null) {
      throw ApiException.unauthorized("The bearer token is not valid or has expired.")
          .withHeader(Header.WWW_AUTHENTICATE, INVALID_TOKEN);
    }
    verified.confirmed(HexFormat.of().formatHex(hash));
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
