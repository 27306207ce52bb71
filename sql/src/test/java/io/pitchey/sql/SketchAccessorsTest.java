package io.pitchey.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * The quantile bounds and the rank of migration V10 against the exact statistics of the same raw
 * values (contracts §4): the exact order statistic at rank ⌊q(n − 1)⌋ lies within the bounds, and
 * the rank is the exact share of values under a threshold within 1.02 % of the one asked.
 */
@ExtendWith(DevStackExtension.class)
class SketchAccessorsTest {
  private static final double[] QUANTILES = {0, 0.5, 0.9, 0.95, 0.99, 0.999, 1};
  private static final double RANK_SLACK = 0.0102;

  private static Connection connection;

  @BeforeAll
  static void migrate(LocalPostgres postgres) throws SQLException {
    connection = MigratedDatabase.create(postgres, "sketch_accessors").getConnection();
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  /** Named sets of integer microseconds, as the pipeline records them. */
  private record Dataset(String name, long[] values) {}

  private static List<Dataset> datasets() {
    SplittableRandom random = new SplittableRandom(11);
    return List.of(
        new Dataset("log-normal around 5 ms", values(5_000, i -> logNormal(random, 5_000, 1.0))),
        new Dataset("heavy tail (Pareto 1.1)", values(5_000, i -> pareto(random, 200, 1.1))),
        new Dataset("a single value", new long[] {4_242}),
        new Dataset("all equal", values(1_000, i -> 87_654)),
        new Dataset("with zeros", values(2_000, i -> i % 4 == 0 ? 0 : 1 + random.nextInt(900))),
        new Dataset("1 µs to an hour", values(3_000, i -> 1 + random.nextLong(3_600_000_000L))));
  }

  @TestFactory
  Stream<DynamicTest> the_exact_quantile_lies_within_the_bounds_and_within_one_percent() {
    return forEveryDataset(SketchAccessorsTest::checkQuantileBounds);
  }

  @TestFactory
  Stream<DynamicTest> the_rank_is_the_exact_share_under_a_threshold_within_its_bin() {
    return forEveryDataset(SketchAccessorsTest::checkRank);
  }

  private static Stream<DynamicTest> forEveryDataset(ThrowingConsumer<Dataset> check) {
    return datasets().stream()
        .map(data -> DynamicTest.dynamicTest(data.name(), () -> check.accept(data)));
  }

  private static void checkQuantileBounds(Dataset data) throws SQLException {
    long[] sorted = data.values().clone();
    Arrays.sort(sorted);
    for (double q : QUANTILES) {
      long exact = sorted[(int) Math.floor(q * (sorted.length - 1))];
      double[] estimate = bounds(data.values(), q);
      assertThat(exact)
          .as("%s q=%s: exact within [%s, %s]", data.name(), q, estimate[1], estimate[2])
          .isBetween((long) Math.ceil(estimate[1]), (long) Math.floor(estimate[2]));
      assertThat(Math.abs(estimate[0] - exact))
          .as("%s q=%s: %s vs exact %s", data.name(), q, estimate[0], exact)
          .isLessThanOrEqualTo(0.0100001 * Math.max(exact, 1));
      assertThat(estimate[2] / Math.max(estimate[1], 1))
          .as("the bounds are as tight as the sketch")
          .isLessThanOrEqualTo(1.0203);
    }
  }

  private static void checkRank(Dataset data) throws SQLException {
    long[] values = data.values();
    long max = Arrays.stream(values).max().orElseThrow();
    for (double threshold :
        new double[] {0, 0.5, 1, 50, 999, 4_242, 5_000, 100_000, max, max + 1.0}) {
      double rank = rank(values, threshold);
      double low = share(values, v -> v < threshold * (1 - RANK_SLACK));
      double high = share(values, v -> v <= threshold * (1 + RANK_SLACK));
      assertThat(rank).as("%s: share at or under %s", data.name(), threshold).isBetween(low, high);
    }
    assertThat(rank(values, max)).as("from the max on, all").isEqualTo(1.0);
  }

  @Test
  void empty_and_null_sketches_have_no_estimate_and_no_rank() throws SQLException {
    assertThat(scalar("select metrics.sketch_quantile_bounds(metrics.sketch_of('{}'), 0.5)"))
        .isNull();
    assertThat(scalar("select metrics.sketch_rank(metrics.sketch_of('{}'), 100000)")).isNull();
    assertThat(scalar("select metrics.sketch_rank(null::metrics.latency_sketch, 100000)")).isNull();
    assertThat(scalar("select metrics.sketch_rank(array[]::metrics.latency_sketch[], 100000)"))
        .isNull();
  }

  @Test
  void merged_sketches_answer_like_the_sketch_of_all_their_values() throws SQLException {
    assertThat(
            scalar(
                "select metrics.sketch_rank(array[metrics.sketch_of('{1000, 2000}'),"
                    + " metrics.sketch_of('{3000, 400000}')], 100000)"))
        .isEqualTo(0.75);
    assertThat(
            scalar(
                "select (metrics.sketch_quantile_bounds(array[metrics.sketch_of('{10}'),"
                    + " metrics.sketch_of('{10}')], 0.5)).lower_us"))
        .isEqualTo(10.0);
  }

  @Test
  void a_bad_quantile_or_threshold_is_refused_with_a_reason() {
    assertThatThrownBy(
            () -> scalar("select metrics.sketch_quantile_bounds(metrics.sketch_of('{1}'), 1.5)"))
        .hasMessageContaining("the quantile q must be in [0, 1]");
    assertThatThrownBy(() -> scalar("select metrics.sketch_rank(metrics.sketch_of('{1}'), -1)"))
        .hasMessageContaining("a latency threshold is microseconds >= 0");
  }

  private static double[] bounds(long[] values, double q) throws SQLException {
    try (PreparedStatement st =
        connection.prepareStatement(
            "select e.value_us, e.lower_us, e.upper_us from metrics.sketch_quantile_bounds("
                + "metrics.sketch_of(?::double precision[]), ?) e")) {
      st.setArray(1, connection.createArrayOf("float8", boxed(values)));
      st.setDouble(2, q);
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3)};
      }
    }
  }

  private static double rank(long[] values, double threshold) throws SQLException {
    try (PreparedStatement st =
        connection.prepareStatement(
            "select metrics.sketch_rank(metrics.sketch_of(?::double precision[]), ?)")) {
      st.setArray(1, connection.createArrayOf("float8", boxed(values)));
      st.setDouble(2, threshold);
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getDouble(1);
      }
    }
  }

  private static Object scalar(String sql) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement(sql);
        ResultSet rs = st.executeQuery()) {
      assertThat(rs.next()).isTrue();
      return rs.getObject(1);
    }
  }

  private static double share(long[] values, java.util.function.LongPredicate counted) {
    return (double) Arrays.stream(values).filter(counted).count() / values.length;
  }

  private static Double[] boxed(long[] values) {
    return Arrays.stream(values).mapToObj(v -> (double) v).toArray(Double[]::new);
  }

  private static long[] values(int n, java.util.function.IntToLongFunction value) {
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = value.applyAsLong(i);
    }
    return values;
  }

  private static long logNormal(SplittableRandom random, double median, double sigma) {
    return Math.max(1, Math.round(median * Math.exp(sigma * random.nextGaussian())));
  }

  private static long pareto(SplittableRandom random, double scale, double shape) {
    return Math.min(
        3_600_000_000L, Math.round(scale / Math.pow(1 - random.nextDouble(), 1 / shape)));
  }
}
