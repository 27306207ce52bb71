package io.pitchey.api.pitch;

import io.javalin.http.Context;
import io.pitchey.api.http.ApiException;
import io.pitchey.api.http.QueryParams;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /api/pitches} was asked for, defaults filled in.
 *
 * <p>The status defaults to {@code published}: the catalogue shows live pitches, archived ones are
 * one filter away, and a single status lets every sort order read one index range. Drafts are never
 * listed.
 *
 * @param page 1-based
 * @param size pitches per page, 1 to {@value #MAX_SIZE}
 * @param genre only this genre, when present
 */
public record PitchListQuery(
    int page, int size, Optional<String> genre, String status, PitchSort sort) {
  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 100;

  /**
   * The deepest row a page may reach. Offset paging reads every skipped row, so very deep pages
   * cost more than they are worth; search narrows a list better than page 5,000 does.
   */
  public static final int MAX_OFFSET = 10_000;

  public PitchListQuery {
    Objects.requireNonNull(genre, "genre");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(sort, "sort");
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
    genre.ifPresent(
        g -> {
          if (!Genres.isKnown(g)) {
            throw ApiException.invalid(
                "genre must be one of " + Genres.ALL + ", was '" + QueryParams.echoed(g) + "'");
          }
        });
    if (!PitchStatus.isPublic(status)) {
      throw ApiException.invalid(
          "status must be published or archived, was '" + QueryParams.echoed(status) + "'");
    }
  }

  /** The query of a request; a malformed or out-of-range parameter is a 400 naming it. */
  public static PitchListQuery of(Context ctx) {
    return new PitchListQuery(
        QueryParams.integer(ctx, "page", 1),
        QueryParams.integer(ctx, "size", DEFAULT_SIZE),
        Optional.ofNullable(ctx.queryParam("genre")),
        orDefault(ctx.queryParam("status"), PitchStatus.PUBLISHED),
        sort(ctx.queryParam("sort")));
  }

  private static PitchSort sort(@Nullable String value) {
    if (value == null) {
      return PitchSort.NEWEST;
    }
    return PitchSort.fromParameter(value)
        .orElseThrow(
            () ->
                ApiException.invalid(
                    "sort must be one of "
                        + Arrays.stream(PitchSort.values())
                            .map(PitchSort::parameter)
                            .collect(Collectors.joining(", "))
                        + ", was '"
                        + QueryParams.echoed(value)
                        + "'"));
  }

  private static String orDefault(@Nullable String value, String fallback) {
    return value == null ? fallback : value;
  }

  public int offset() {
    return (page - 1) * size;
  }

  /**
   * Every parameter, defaults included, in alphabetical order: equal queries have equal strings,
   * however the client ordered or omitted parameters. Values are from fixed sets and digits, so no
   * escaping is needed.
   */
  public String canonical() {
    StringJoiner query = new StringJoiner("&");
    genre.ifPresent(g -> query.add("genre=" + g));
    query.add("page=" + page);
    query.add("size=" + size);
    query.add("sort=" + sort.parameter());
    query.add("status=" + status);
    return query.toString();
  }

  /** The cache key of this list (contracts §7). */
  public String cacheKey() {
    return "pitches:list:" + canonical();
  }

  public PitchListQuery withPage(int otherPage) {
    return new PitchListQuery(otherPage, size, genre, status, sort);
  }
}
