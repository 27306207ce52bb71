package io.pitchey.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SQL sketch functions of migration V3 reproduce every vector of {@code
 * testdata/sketch-vectors.json} exactly, as the Java sketch does (its tests check the same file):
 * the same bin for every value, bit-identical representatives and quantiles.
 */
@ExtendWith(DevStackExtension.class)
class SketchFunctionsTest {

  private static final String INVALID_PARAMETER = "22023";
  private static final String OUT_OF_RANGE = "22003";

  private static SketchVectors vectors;
  private static Connection connection;

  @BeforeAll
  static void migrate(LocalPostgres postgres) throws SQLException {
    vectors = SketchVectors.load();
    connection = MigratedDatabase.create(postgres, "sketch_functions").getConnection();
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void sketchBinAgreesWithJavaForEveryValue() throws SQLException {
    long[] values = vectors.bins().stream().mapToLong(SketchVectors.BinVector::value).toArray();
    Map<Long, Integer> actual = new HashMap<>();
    // One round trip. The values travel as bigint and become doubles by PostgreSQL's cast, which
    // rounds
    // to nearest like Java's (double) conversion (only Long.MAX_VALUE and 2^53 + 1 are rounded at
    // all).
    try (PreparedStatement query =
        connection.prepareStatement(
            "select v, metrics.sketch_bin(v::double precision) from unnest(?::bigint[]) as v")) {
      query.setArray(1, bigintArray(values));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          actual.put(rows.getLong(1), rows.getInt(2));
        }
      }
    }
    Map<Long, Integer> expected =
        vectors.bins().stream()
            .collect(
                Collectors.toMap(SketchVectors.BinVector::value, SketchVectors.BinVector::bin));
    assertThat(expected).hasSizeGreaterThan(4_000);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void everyBinHasTheRepresentativeJavaComputes() throws SQLException {
    Map<Integer, Double> actual = new HashMap<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "select bin, metrics.sketch_bin_value(bin) from generate_series(0, ?) as bin")) {
      query.setInt(1, vectors.maxBin());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          actual.put(rows.getInt(1), rows.getDouble(2));
        }
      }
    }
    Map<Integer, Double> expected =
        vectors.representatives().stream()
            .collect(
                Collectors.toMap(
                    SketchVectors.Representative::bin, SketchVectors.Representative::value));
    assertThat(expected).hasSize(vectors.maxBin() + 1);
    assertThat(actual).isEqualTo(expected); // Double.equals: bit for bit
  }

  @TestFactory
  Stream<DynamicTest> sketchOfEveryDatasetIsJavasSketch() {
    return vectors.datasets().stream()
        .map(
            dataset ->
                DynamicTest.dynamicTest(
                    dataset.name(),
                    () -> {
                      try (PreparedStatement query =
                          connection.prepareStatement(
                              "select (s).zero_count, (s).bins, (s).counts, (s).min_us, (s).max_us, (s).sum_us, (s).count"
                                  + " from (select metrics.sketch_of(?::double precision[]) as s) as sketch")) {
                        query.setArray(1, float8Array(dataset.values()));
                        try (ResultSet row = single(query)) {
                          SketchVectors.ExpectedSketch actual =
                              new SketchVectors.ExpectedSketch(
                                  row.getLong(1),
                                  Arrays.stream((Integer[]) row.getArray(2).getArray())
                                      .mapToInt(Integer::intValue)
                                      .toArray(),
                                  Arrays.stream((Long[]) row.getArray(3).getArray())
                                      .mapToLong(Long::longValue)
                                      .toArray(),
                                  row.getDouble(4),
                                  row.getDouble(5),
                                  row.getDouble(6),
                                  row.getLong(7));
                          assertThat(actual).usingRecursiveComparison().isEqualTo(dataset.sketch());
                        }
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> quantilesOfEveryDatasetAreJavasQuantiles() {
    return vectors.datasets().stream()
        .flatMap(
            dataset ->
                Stream.of(
                    DynamicTest.dynamicTest(
                        dataset.name() + ", sketch_of(values)",
                        () ->
                            assertQuantiles(
                                dataset,
                                "metrics.sketch_quantile(metrics.sketch_of(?::double precision[]), q)",
                                float8Array(dataset.values()))),
                    DynamicTest.dynamicTest(
                        dataset.name() + ", composite literal",
                        () ->
                            assertQuantiles(
                                dataset,
                                "metrics.sketch_quantile(?::metrics.latency_sketch, q)",
                                compositeLiteral(dataset.sketch()))),
                    DynamicTest.dynamicTest(
                        dataset.name() + ", merged from three parts",
                        () ->
                            assertQuantiles(
                                dataset,
                                "metrics.sketch_quantile(?::metrics.latency_sketch[], q)",
                                threeParts(dataset.values()))),
                    DynamicTest.dynamicTest(
                        dataset.name() + ", sketch_merge aggregate",
                        () ->
                            assertQuantiles(
                                dataset,
                                "metrics.sketch_quantile((select metrics.sketch_merge(part) from unnest(?::metrics.latency_sketch[]) as part), q)",
                                threeParts(dataset.values())))));
  }

  @Test
  void mergingGivesTheSketchOfAllValues() throws SQLException {
    long[] values =
        vectors.datasets().stream()
            .map(SketchVectors.Dataset::values)
            .max(Comparator.comparingInt(v -> v.length))
            .orElseThrow();
    try (PreparedStatement query =
        connection.prepareStatement(
            "select metrics.sketch_merge(?::metrics.latency_sketch[]) = metrics.sketch_of(?::double precision[]),"
                + " (select metrics.sketch_merge(part) from unnest(?::metrics.latency_sketch[]) as part)"
                + "   = metrics.sketch_of(?::double precision[])")) {
      Array parts = threeParts(values);
      query.setArray(1, parts);
      query.setArray(2, float8Array(values));
      query.setArray(3, parts);
      query.setArray(4, float8Array(values));
      try (ResultSet row = single(query)) {
        assertThat(row.getBoolean(1)).as("sketch_merge(array)").isTrue();
        assertThat(row.getBoolean(2)).as("sketch_merge aggregate").isTrue();
      }
    }
  }

  @Test
  void emptySketchesHaveNoQuantileAndMergeAway() throws SQLException {
    assertThat(queryValue("select metrics.sketch_quantile(metrics.sketch_of('{}'), 0.5)")).isNull();
    assertThat(queryValue("select metrics.sketch_quantile('{}'::metrics.latency_sketch[], 0.5)"))
        .isNull();
    // empty sketches, as SQL (NULL min/max) and Java (NaN min/max) write them, and NULLs change
    // nothing
    assertThat(
            queryValue(
                "select metrics.sketch_merge(array[metrics.sketch_of('{}'), '(0,{},{},NaN,NaN,0,0)',"
                    + " null, metrics.sketch_of('{7, 9}')]) = metrics.sketch_of('{7, 9}')"))
        .isEqualTo(true);
    assertThat(queryValue("select (metrics.sketch_of('{}')).min_us")).isNull();
    assertThat(
            queryValue("select metrics.sketch_quantile(metrics.sketch_of('{null, 5, null}'), 0)"))
        .as("NULLs ignored")
        .isEqualTo(5.0);
  }

  @Test
  void rejectsInvalidArgumentsWithClearErrors() {
    assertSqlError(
        "select metrics.sketch_quantile(metrics.sketch_of('{1}'), 1.5)",
        INVALID_PARAMETER, "[0, 1]");
    assertSqlError(
        "select metrics.sketch_quantile(metrics.sketch_of('{1}'), -0.1)",
        INVALID_PARAMETER, "[0, 1]");
    assertSqlError(
        "select metrics.sketch_quantile(metrics.sketch_of('{1}'), 'NaN')",
        INVALID_PARAMETER, "[0, 1]");
    assertSqlError(
        "select metrics.sketch_quantile(metrics.sketch_of('{}'), 2)", INVALID_PARAMETER, "[0, 1]");
    assertSqlError("select metrics.sketch_of('{3, -1}')", OUT_OF_RANGE, "[0, 2^63]");
    assertSqlError("select metrics.sketch_bin('NaN')", OUT_OF_RANGE, "[0, 2^63]");
    assertSqlError("select metrics.sketch_bin('Infinity')", OUT_OF_RANGE, "[0, 2^63]");
    assertSqlError("select metrics.sketch_bin(1e19)", OUT_OF_RANGE, "[0, 2^63]");
    assertSqlError(
        "select metrics.sketch_bin_value(" + (vectors.maxBin() + 1) + ")",
        OUT_OF_RANGE,
        "bins are in");
    assertSqlError("select metrics.sketch_bin_value(-1)", OUT_OF_RANGE, "bins are in");
  }

  @Test
  void valuesBelowOneMicrosecondHaveNoBin() throws SQLException {
    assertThat(queryValue("select metrics.sketch_bin(0.999)")).isNull();
    assertThat(queryValue("select metrics.sketch_bin(0)")).isNull();
  }

  private static void assertQuantiles(
      SketchVectors.Dataset dataset, String quantileExpression, Object sketchParameter)
      throws SQLException {
    double[] qs = dataset.quantiles().stream().mapToDouble(SketchVectors.Quantile::q).toArray();
    List<Double> actual = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "select "
                + quantileExpression
                + " from unnest(?::double precision[]) with ordinality as quantile(q, position) order by position")) {
      query.setObject(1, sketchParameter);
      query.setArray(2, connection.createArrayOf("float8", Arrays.stream(qs).boxed().toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          actual.add(rows.getDouble(1));
        }
      }
    }
    assertThat(actual)
        .as("quantiles %s", Arrays.toString(qs))
        .containsExactlyElementsOf(
            dataset.quantiles().stream().map(SketchVectors.Quantile::value).toList());
  }

  /**
   * The text form of {@code metrics.latency_sketch}, as an analyst or a client would write it:
   * {@code (zero_count,"{bins}","{counts}",min_us,max_us,sum_us,count)}. Doubles are written by
   * {@link Double#toString}, the shortest decimal that PostgreSQL parses back to the same double.
   */
  private static String compositeLiteral(SketchVectors.ExpectedSketch sketch) {
    return "("
        + sketch.zeroCount()
        + ",\"{"
        + Arrays.stream(sketch.bins()).mapToObj(Integer::toString).collect(Collectors.joining(","))
        + "}\""
        + ",\"{"
        + Arrays.stream(sketch.counts()).mapToObj(Long::toString).collect(Collectors.joining(","))
        + "}\""
        + ","
        + sketch.min()
        + ","
        + sketch.max()
        + ","
        + sketch.sum()
        + ","
        + sketch.count()
        + ")";
  }

  /**
   * Sketches of the three consecutive thirds of the values (some may be empty), as an array of
   * their text forms, for a parameter cast with {@code ::metrics.latency_sketch[]}.
   */
  private static Array threeParts(long[] values) throws SQLException {
    String[] parts = new String[3];
    for (int part = 0; part < 3; part++) {
      long[] slice =
          Arrays.copyOfRange(values, values.length * part / 3, values.length * (part + 1) / 3);
      try (PreparedStatement query =
          connection.prepareStatement("select metrics.sketch_of(?::double precision[])::text")) {
        query.setArray(1, float8Array(slice));
        try (ResultSet row = single(query)) {
          parts[part] = row.getString(1);
        }
      }
    }
    return connection.createArrayOf("text", parts);
  }

  private static Array float8Array(long[] values) throws SQLException {
    return connection.createArrayOf(
        "float8", LongStream.of(values).mapToObj(v -> (double) v).toArray());
  }

  private static Array bigintArray(long[] values) throws SQLException {
    return connection.createArrayOf("int8", LongStream.of(values).boxed().toArray());
  }

  /**
   * The single value that a query returns, as JDBC's {@code getObject} maps it (Double, Integer,
   * Boolean...).
   */
  private static Object queryValue(String sql) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql);
        ResultSet row = single(query)) {
      return row.getObject(1);
    }
  }

  private static ResultSet single(PreparedStatement query) throws SQLException {
    ResultSet row = query.executeQuery();
    assertThat(row.next()).as("a row").isTrue();
    return row;
  }

  private static void assertSqlError(String sql, String sqlState, String messagePart) {
    assertThatThrownBy(() -> queryValue(sql))
        .as(sql)
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState))
        .hasMessageContaining(messagePart);
  }
}
