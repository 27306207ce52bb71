package io.pitchey.api.http;

import io.javalin.http.Context;

/**
 * Reads numeric ids from path parameters, answering 400 rather than 404 or 500 for malformed ones.
 */
public final class PathIds {
  private static final int MAX_ECHOED = 40;

  private PathIds() {}

  /**
   * The path parameter {@code name} as a positive {@code long}.
   *
   * @throws ApiException a validation problem if it is not one
   */
  public static long positive(Context ctx, String name) {
    String raw = ctx.pathParam(name);
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // answered below, with the same message as for zero and negatives
    }
    throw ApiException.invalid(name + " must be a positive integer, was '" + truncated(raw) + "'");
  }

  private static String truncated(String raw) {
    return raw.length() <= MAX_ECHOED ? raw : raw.substring(0, MAX_ECHOED) + "…";
  }
}
