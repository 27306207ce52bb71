package io.pitchey.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Per-route figures read back from the database, final and provisional windows together, with the
 * sketches of all windows merged in SQL (never an average of percentiles).
 */
record RouteStats(
    String method,
    String route,
    long requests,
    double p50Ms,
    double p95Ms,
    double p99Ms,
    Double hitRate,
    long finalWindows,
    long provisionalWindows) {

  private static final String QUERY =
      """
      select method, route, sum(requests) as requests,
             metrics.sketch_quantile(array_agg(latency), 0.50) / 1000.0 as p50_ms,
             metrics.sketch_quantile(array_agg(latency), 0.95) / 1000.0 as p95_ms,
             metrics.sketch_quantile(array_agg(latency), 0.99) / 1000.0 as p99_ms,
             sum(cache_hit + cache_stale + cache_revalidated)::double precision
               / nullif(sum(cache_hit + cache_stale + cache_revalidated + cache_miss), 0) as hit_rate,
             count(distinct window_start) filter (where not provisional) as final_windows,
             count(distinct window_start) filter (where provisional) as provisional_windows
        from metrics.route_windows_all
       where window_end > ?
       group by method, route
       order by sum(requests) desc, method, route
      """;

  /** Every route's figures over the windows that end after {@code since}. */
  static List<RouteStats> since(DataSource db, Instant since) throws SQLException {
    try (Connection connection = db.getConnection();
        PreparedStatement st = connection.prepareStatement(QUERY)) {
      st.setTimestamp(1, Timestamp.from(since));
      List<RouteStats> stats = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          stats.add(
              new RouteStats(
                  rs.getString("method"),
                  rs.getString("route"),
                  rs.getLong("requests"),
                  rs.getDouble("p50_ms"),
                  rs.getDouble("p95_ms"),
                  rs.getDouble("p99_ms"),
                  (Double) rs.getObject("hit_rate"),
                  rs.getLong("final_windows"),
                  rs.getLong("provisional_windows")));
        }
      }
      return stats;
    }
  }

  static String table(List<RouteStats> stats) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "  %-32s %9s %9s %9s %9s %8s %s%n",
            "route",
            "requests",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "hit %",
            "windows (final+live)"));
    for (RouteStats s : stats) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-32s %9d %9.2f %9.2f %9.2f %8s %d+%d%n",
              s.method() + " " + s.route(),
              s.requests(),
              s.p50Ms(),
              s.p95Ms(),
              s.p99Ms(),
              s.hitRate() == null ? "-" : String.format(Locale.ROOT, "%.1f", 100 * s.hitRate()),
              s.finalWindows(),
              s.provisionalWindows()));
    }
    return out.toString();
  }
}
