package io.pitchey.sql;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The shared latency sketch test vectors, {@code testdata/sketch-vectors.json}, as the SQL tests
 * read them. The file is generated from the Java sketch by the streams-aggregator's {@code
 * SketchVectorsGenerator}, which documents the format; this is the reading side of it.
 */
@JsonIgnoreProperties({"description", "regenerate"})
record SketchVectors(
    double relativeAccuracy,
    double gamma,
    int maxBin,
    List<BinVector> bins,
    List<Representative> representatives,
    List<Dataset> datasets) {

  static SketchVectors load() {
    String root = System.getProperty("pitchey.repo.root");
    if (root == null || root.isBlank()) {
      throw new IllegalStateException(
          "system property pitchey.repo.root is not set (surefire sets it; "
              + "when running from an IDE, set it to the repository root)");
    }
    Path file = Path.of(root, "testdata", "sketch-vectors.json");
    try {
      return new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .readValue(file.toFile(), SketchVectors.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sketch vectors from " + file, e);
    }
  }

  /** {@code [value, bin]}: an integer value (µs) and its bin. */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  @JsonPropertyOrder({"value", "bin"})
  record BinVector(long value, int bin) {}

  /** {@code [bin, value]}: a bin and its representative value. */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  @JsonPropertyOrder({"bin", "value"})
  record Representative(int bin, double value) {}

  /** {@code [q, value]}: a quantile and its expected value. */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  @JsonPropertyOrder({"q", "value"})
  record Quantile(double q, double value) {}

  record Dataset(
      String name, String description, long[] values, Sketch sketch, List<Quantile> quantiles) {}

  /** The fields of {@code metrics.latency_sketch}. */
  record Sketch(
      long zeroCount, int[] bins, long[] counts, double min, double max, double sum, long count) {}
}
