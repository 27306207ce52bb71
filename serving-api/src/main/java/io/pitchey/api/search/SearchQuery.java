package io.pitchey.api.search;

import io.javalin.http.Context;
import io.pitchey.api.http.ApiException;
import io.pitchey.api.http.QueryParams;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /api/search} was asked for. The text is normalised (lower case, whitespace
 * collapsed), which changes nothing PostgreSQL's English configuration matches, so that {@code
 * "Harbor Storm"} and {@code "harbor storm"} share one cache entry.
 *
 * @param text the normalised query, in {@code websearch_to_tsquery} syntax ("quoted phrases", or,
 *     -negation)
 * @param page 1-based
 */
public record SearchQuery(String text, int page, int size) {
  public static final int MAX_LENGTH = 200;
  public static final int DEFAULT_SIZE = 10;
  public static final int MAX_SIZE = 50;

  /** Search results are for reading, not crawling; ranking every match for page 500 is waste. */
  public static final int MAX_OFFSET = 1_000;

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  public SearchQuery {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw ApiException.invalid("q must not be empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw ApiException.invalid(
          "q must be at most " + MAX_LENGTH + " characters, was " + text.length());
    }
    if (page < 1) {
      throw ApiException.invalid("page must be at least 1, was " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw ApiException.invalid("size must be between 1 and " + MAX_SIZE + ", was " + size);
    }
    if ((long) (page - 1) * size > MAX_OFFSET) {
      throw ApiException.invalid(
          "page " + page + " is too deep: (page - 1) * size may be at most " + MAX_OFFSET);
    }
  }

  public static SearchQuery of(Context ctx) {
    return new SearchQuery(
        normalised(ctx.queryParam("q")),
        QueryParams.integer(ctx, "page", 1),
        QueryParams.integer(ctx, "size", DEFAULT_SIZE));
  }

  static String normalised(@Nullable String q) {
    return q == null ? "" : WHITESPACE.matcher(q.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
  }

  public int offset() {
    return (page - 1) * size;
  }

  /** The cache key (contracts §7): {@code search:<normalised query>:<page>:<size>}. */
  public String cacheKey() {
    return "search:" + text + ":" + page + ":" + size;
  }
}
