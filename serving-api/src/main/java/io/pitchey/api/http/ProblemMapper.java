package io.pitchey.api.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.validation.ValidationException;
import io.pitchey.api.db.DatabaseFailure;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become responses: every exception a request raises, ours or
 * Javalin's (an unmatched path, a wrong method), is answered with an RFC 9457 {@code
 * application/problem+json} body that quotes the request id. Problems are never cached.
 *
 * <ul>
 *   <li>{@link ApiException}: its type, detail, extension members and headers;
 *   <li>a request body Jackson could not bind ({@link BodyProblem}): 400 {@code validation} or 422
 *       {@code unprocessable}, with the extension member {@code field} when one field is at fault;
 *   <li>Javalin's own: 404 for an unmatched path, 405 with {@code Allow} for a path that exists
 *       under other methods ({@code prefer405over404}), 413 for a body over {@code
 *       http.max-body-bytes};
 *   <li>a database that is down, unreachable or lost the connection ({@link DatabaseFailure}): 503
 *       {@code unavailable}; a statement cancelled by {@code db.statement-timeout}: 503 {@code
 *       db-timeout}; both with {@code Retry-After}, so clients and balancers back off.
 * </ul>
 *
 * Exceptions wrapped by a library are unwrapped to the first cause one of these rules knows.
 *
 * <p>Unexpected exceptions are logged with the request id and answered with a generic 500 whose
 * detail reveals nothing of the cause.
 */
public final class ProblemMapper implements Routes {
  private static final Logger log = LoggerFactory.getLogger(ProblemMapper.class);
  private static final String ERROR_TYPE = ProblemMapper.class.getName() + ".errorType";
  private static final URI UNTYPED = URI.create("about:blank");
  private static final String FIELD = "field";
  // long enough for a failover or restart to finish, short enough not to strand clients
  static final int DATABASE_RETRY_AFTER_SECONDS = 5;
  private static final int MAX_CAUSES = 16;

  private final int maxBodyBytes;

  /**
   * @param maxBodyBytes the body limit Javalin enforces ({@code http.max-body-bytes}), quoted in
   *     its 413 problems
   */
  public ProblemMapper(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.exception(ApiException.class, ProblemMapper::apiProblem);
    routes.exception(
        ValidationException.class,
        (e, ctx) -> send(ctx, ProblemType.VALIDATION, e.getErrors().toString()));
    routes.exception(HttpResponseException.class, this::javalinResponse);
    routes.exception(JacksonException.class, ProblemMapper::unreadableBody);
    routes.exception(DataAccessException.class, ProblemMapper::databaseFailure);
    routes.exception(Exception.class, this::unwrapOrUnexpected);
  }

  /** The slug of the problem this request was answered with, for the timing event's error_type. */
  public static Optional<String> errorType(Context ctx) {
    return Optional.ofNullable(ctx.attribute(ERROR_TYPE));
  }

  /** Records the error type of a failure answered without an exception (e.g. an unhealthy 503). */
  public static void markError(Context ctx, ProblemType type) {
    ctx.attribute(ERROR_TYPE, type.slug());
  }

  private static void apiProblem(ApiException e, Context ctx) {
    e.headers().forEach(ctx::header);
    send(ctx, e.type(), e.detail(), e.extensions());
  }

  private static void unreadableBody(JacksonException e, Context ctx) {
    BodyProblem.of(e)
        .ifPresentOrElse(
            problem ->
                send(
                    ctx,
                    problem.type(),
                    problem.detail(),
                    problem.field() == null ? Map.of() : Map.of(FIELD, problem.field())),
            () -> unexpected(e, ctx));
  }

  private static void databaseFailure(DataAccessException e, Context ctx) {
    DatabaseFailure failure = DatabaseFailure.of(e);
    if (!failure.unavailable()) {
      unexpected(e, ctx);
      return;
    }
    log.warn(
        "request {} ({} {}): database {}: {}",
        requestId(ctx),
        ctx.method(),
        ctx.path(),
        failure,
        e.getMessage());
    ctx.header(Header.RETRY_AFTER, Integer.toString(DATABASE_RETRY_AFTER_SECONDS));
    if (failure == DatabaseFailure.TIMEOUT) {
      send(ctx, ProblemType.DB_TIMEOUT, "The database did not answer in time; try again shortly.");
    } else {
      send(ctx, ProblemType.UNAVAILABLE, "The database is unavailable; try again shortly.");
    }
  }

  /** A library wrapped one of ours (e.g. in a {@code CompletionException}): answer the cause. */
  private void unwrapOrUnexpected(Exception e, Context ctx) {
    Throwable cause = e.getCause();
    for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
      switch (cause) {
        case ApiException api -> {
          apiProblem(api, ctx);
          return;
        }
        case HttpResponseException http -> {
          javalinResponse(http, ctx);
          return;
        }
        case JacksonException json -> {
          unreadableBody(json, ctx);
          return;
        }
        case DataAccessException data -> {
          databaseFailure(data, ctx);
          return;
        }
        default -> cause = cause.getCause() == cause ? null : cause.getCause();
      }
    }
    unexpected(e, ctx);
  }

  private void javalinResponse(HttpResponseException e, Context ctx) {
    if (e.getStatus() == ProblemType.METHOD_NOT_ALLOWED.status()) {
      allowedMethods(e).ifPresent(allow -> ctx.header(Header.ALLOW, allow));
    }
    if (e.getStatus() == ProblemType.PAYLOAD_TOO_LARGE.status()) {
      send(
          ctx,
          ProblemType.PAYLOAD_TOO_LARGE,
          "The body is larger than the " + maxBodyBytes + " bytes this endpoint accepts.");
      return;
    }
    ProblemType.forStatus(e.getStatus())
        .ifPresentOrElse(
            type -> send(ctx, type, e.getMessage()),
            () ->
                send(
                    ctx,
                    UNTYPED,
                    HttpStatus.forStatus(e.getStatus()).getMessage(),
                    e.getStatus(),
                    e.getMessage(),
                    "http-" + e.getStatus()));
  }

  /**
   * Javalin lists the methods the path has in the 405's details ({@code availableMethods}, or
   * {@code Available methods} for a browser); HEAD is served wherever GET is.
   */
  private static Optional<String> allowedMethods(HttpResponseException e) {
    Set<String> methods = new LinkedHashSet<>();
    e.getDetails().values().stream()
        .flatMap(list -> Arrays.stream(list.split(",")))
        .map(String::strip)
        .filter(method -> !method.isEmpty())
        .forEach(methods::add);
    if (methods.contains("GET")) {
      methods.add("HEAD");
    }
    return methods.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", methods));
  }

  private static void unexpected(Exception e, Context ctx) {
    log.error("request {} ({} {}) failed", requestId(ctx), ctx.method(), ctx.path(), e);
    send(
        ctx,
        ProblemType.INTERNAL,
        "The request could not be completed; quote the request id when reporting it.");
  }

  private static void send(Context ctx, ProblemType type, String detail) {
    send(ctx, type, detail, Map.of());
  }

  private static void send(
      Context ctx, ProblemType type, String detail, Map<String, Object> extensions) {
    if (type == ProblemType.UNAUTHORIZED && ctx.res().getHeader(Header.WWW_AUTHENTICATE) == null) {
      ctx.header(
          Header.WWW_AUTHENTICATE, "Bearer"); // RFC 6750 §3: tell the client which scheme to use
    }
    send(ctx, type.uri(), type.title(), type.status(), detail, type.slug(), extensions);
  }

  private static void send(
      Context ctx, URI type, String title, int status, String detail, String errorType) {
    send(ctx, type, title, status, detail, errorType, Map.of());
  }

  private static void send(
      Context ctx,
      URI type,
      String title,
      int status,
      String detail,
      String errorType,
      Map<String, Object> extensions) {
    Problem problem = new Problem(type, title, status, detail, ctx.path(), requestId(ctx));
    byte[] body;
    if (extensions.isEmpty()) {
      body = ApiJson.bytes(problem);
    } else {
      // RFC 9457 §3.2: extension members sit beside the standard ones
      ObjectNode json = ApiJson.mapper().valueToTree(problem);
      extensions.forEach(
          (name, value) -> {
            if (!json.has(name)) {
              json.set(name, ApiJson.mapper().valueToTree(value));
            }
          });
      body = ApiJson.bytes(json);
    }
    ctx.attribute(ERROR_TYPE, errorType);
    ctx.status(status)
        .header(Header.CACHE_CONTROL, "no-store")
        .contentType(Problem.MEDIA_TYPE)
        .result(body);
  }

  private static String requestId(Context ctx) {
    // set on every response before any handler runs (TimingFilter)
    return Objects.requireNonNullElse(ctx.res().getHeader(ApiHeaders.REQUEST_ID), "-");
  }
}
