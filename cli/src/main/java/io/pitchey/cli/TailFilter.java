package io.pitchey.cli;

import io.pitchey.ingest.backfill.RouteTemplates;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.TimingEvent;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Which events {@code pitchey tail} shows. Every given criterion must hold.
 *
 * <ul>
 *   <li>route: a substring of the route template ({@code pitches}), the template itself ({@code
 *       /api/pitches/{id}}), or a raw path the template matches ({@code /api/pitches/42});
 *   <li>status: a comma list of codes and classes, {@code 5xx}, {@code 404}, {@code 4xx,503};
 *   <li>minimum duration in milliseconds;
 *   <li>cache: a comma list of statuses, {@code MISS,STALE}.
 * </ul>
 */
record TailFilter(
    @Nullable String route, @Nullable IntPredicate status, double minMs, Set<CacheStatus> cache) {

  static final TailFilter ALL = new TailFilter(null, null, 0, EnumSet.allOf(CacheStatus.class));

  /**
   * @throws IllegalArgumentException with a message for the user if a value does not parse
   */
  static TailFilter parse(
      @Nullable String route, @Nullable String status, double minMs, @Nullable String cache) {
    if (minMs < 0) {
      throw new IllegalArgumentException("--min-ms must be >= 0, was " + minMs);
    }
    return new TailFilter(
        route == null || route.isBlank() ? null : route.strip(),
        status == null ? null : parseStatus(status),
        minMs,
        cache == null ? EnumSet.allOf(CacheStatus.class) : parseCache(cache));
  }

  boolean test(TimingEvent e) {
    if (route != null
        && !e.route().contains(route)
        && !e.routeKey().equals(route)
        && !(route.startsWith("/") && RouteTemplates.matches(e.route(), route))) {
      return false;
    }
    if (status != null && !status.test(e.status())) {
      return false;
    }
    if (e.durationUs() < minMs * 1000) {
      return false;
    }
    return cache.contains(e.cache());
  }

  private static IntPredicate parseStatus(String spec) {
    IntPredicate any = s -> false;
    for (String part : spec.split(",")) {
      String p = part.strip().toLowerCase(Locale.ROOT);
      IntPredicate one;
      if (p.matches("[1-5]xx")) {
        int cls = p.charAt(0) - '0';
        one = s -> s / 100 == cls;
      } else if (p.matches("[1-5][0-9][0-9]")) {
        int code = Integer.parseInt(p);
        one = s -> s == code;
      } else {
        throw new IllegalArgumentException(
            "--status takes codes and classes like 5xx, 404 or 4xx,503; not '" + part + "'");
      }
      any = any.or(one);
    }
    return any;
  }

  private static Set<CacheStatus> parseCache(String spec) {
    Set<CacheStatus> set = EnumSet.noneOf(CacheStatus.class);
    for (String part : spec.split(",")) {
      try {
        set.add(CacheStatus.valueOf(part.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--cache takes "
                + List.of(CacheStatus.values())
                + " (comma-separated); not '"
                + part
                + "'",
            e);
      }
    }
    return set;
  }
}
