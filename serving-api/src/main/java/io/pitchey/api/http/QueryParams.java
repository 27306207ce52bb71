package io.pitchey.api.http;

import io.javalin.http.Context;

/** Reads query parameters such as {@code page} and {@code size}, answering 400 for bad ones. */
public final class QueryParams {
  private static final int MAX_ECHOED = 40;

  private QueryParams() {}

  /**
   * The query parameter {@code name} as an int, or {@code fallback} when absent.
   *
   * @throws ApiException a validation problem naming the parameter if it is not an integer
   */
  public static int integer(Context ctx, String name, int fallback) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw ApiException.invalid(name + " must be an integer, was '" + echoed(raw) + "'");
    }
  }

  /** A client's value shortened for quoting in a problem detail. */
  public static String echoed(String raw) {
    return raw.length() <= MAX_ECHOED ? raw : raw.substring(0, MAX_ECHOED) + "…";
  }
}
