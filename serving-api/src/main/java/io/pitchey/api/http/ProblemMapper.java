package io.pitchey.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.validation.ValidationException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become responses: every exception a request raises, ours or
 * Javalin's (an unmatched path, a wrong method), is answered with an RFC 9457 {@code
 * application/problem+json} body that quotes the request id. Problems are never cached.
 *
 * <p>Unexpected exceptions are logged with the request id and answered with a generic 500 whose
 * detail reveals nothing of the cause.
 */
public final class ProblemMapper implements Routes {
  private static final Logger log = LoggerFactory.getLogger(ProblemMapper.class);
  private static final String ERROR_TYPE = ProblemMapper.class.getName() + ".errorType";
  private static final URI UNTYPED = URI.create("about:blank");

  @Override
  public void addTo(RoutesConfig routes) {
    routes.exception(
        ApiException.class, (e, ctx) -> send(ctx, e.type(), e.detail(), e.extensions()));
    routes.exception(
        ValidationException.class,
        (e, ctx) -> send(ctx, ProblemType.VALIDATION, e.getErrors().toString()));
    routes.exception(HttpResponseException.class, ProblemMapper::javalinResponse);
    routes.exception(Exception.class, ProblemMapper::unexpected);
  }

  /** The slug of the problem this request was answered with, for the timing event's error_type. */
  public static Optional<String> errorType(Context ctx) {
    return Optional.ofNullable(ctx.attribute(ERROR_TYPE));
  }

  /** Records the error type of a failure answered without an exception (e.g. an unhealthy 503). */
  public static void markError(Context ctx, ProblemType type) {
    ctx.attribute(ERROR_TYPE, type.slug());
  }

  private static void javalinResponse(HttpResponseException e, Context ctx) {
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
    if (type == ProblemType.UNAUTHORIZED) {
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
