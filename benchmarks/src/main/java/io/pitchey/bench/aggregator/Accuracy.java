package io.pitchey.bench.aggregator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Percentiles merged in SQL over all windows of a route (and of the service), against the exact
 * order statistics of the same events.
 */
record Accuracy(List<Row> rows) {
  static final double[] QUANTILES = {0.5, 0.95, 0.99, 0.999};

  /** One route's (or the whole service's) quantiles: exact and from the database, in µs. */
  record Row(String route, long requests, long[] exact, double[] measured) {
    double relativeError(int q) {
      return Math.abs(measured[q] - exact[q]) / exact[q];
    }
  }

  static Accuracy measure(DataSource db, EventLoad load) throws SQLException {
    List<Row> rows = new ArrayList<>();
    for (int route = 0; route < TrafficModel.ROUTE_COUNT; route++) {
      String key = TrafficModel.routeKey(route);
      rows.add(
          row(
              db,
              key,
              load.exactPerRoute()[route],
              " where method || ' ' || route = '" + key + "'"));
    }
    rows.add(row(db, "all routes", load.exactAll(), ""));
    return new Accuracy(rows);
  }

  private static Row row(DataSource db, String name, ExactQuantiles exact, String where)
      throws SQLException {
    long[] exactValues = new long[QUANTILES.length];
    double[] measured = new double[QUANTILES.length];
    long requests;
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "select sum(requests), metrics.sketch_quantile(array_agg(latency), ?),"
                    + " metrics.sketch_quantile(array_agg(latency), ?),"
                    + " metrics.sketch_quantile(array_agg(latency), ?),"
                    + " metrics.sketch_quantile(array_agg(latency), ?)"
                    + " from metrics.route_windows"
                    + where)) {
      for (int q = 0; q < QUANTILES.length; q++) {
        st.setDouble(q + 1, QUANTILES[q]);
      }
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        requests = rs.getLong(1);
        for (int q = 0; q < QUANTILES.length; q++) {
          measured[q] = rs.getDouble(q + 2);
          exactValues[q] = exact.quantile(QUANTILES[q]);
        }
      }
    }
    if (requests != exact.size()) {
      throw new IllegalStateException(
          name + ": the database counts " + requests + " requests, " + exact.size() + " were sent");
    }
    return new Row(name, requests, exactValues, measured);
  }

  double worstRelativeError() {
    double worst = 0;
    for (Row row : rows) {
      for (int q = 0; q < QUANTILES.length; q++) {
        worst = Math.max(worst, row.relativeError(q));
      }
    }
    return worst;
  }
}
