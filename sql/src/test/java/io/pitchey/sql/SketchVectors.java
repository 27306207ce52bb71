package io.pitchey.sql;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The shared test vectors of the latency sketch, {@code testdata/sketch-vectors.json}: the model,
 * and how it is read and written. The SQL tests and the Java sketch's tests (streams-aggregator,
 * through this module's test jar) read the same file through this one model.
 *
 * @param bins values (µs, integers) and the bin each belongs in
 * @param representatives every bin of the domain, 0..maxBin, and its representative value
 * @param datasets raw values with their expected sketch and quantiles
 */
public record SketchVectors(
    String description,
    String regenerate,
    double relativeAccuracy,
    double gamma,
    int maxBin,
    List<BinVector> bins,
    List<Representative> representatives,
    List<Dataset> datasets) {

  /** Where the committed file lives, from the repository root that surefire passes to tests. */
  public static Path committedFile() {
    String root = System.getProperty("pitchey.repo.root");
    if (root == null || root.isBlank()) {
      throw new IllegalStateException(
          "system property pitchey.repo.root is not set (surefire sets it; "
              + "when running from an IDE, set it to the repository root)");
    }
    return Path.of(root, "testdata", "sketch-vectors.json");
  }

  /** The committed vectors. */
  public static SketchVectors load() {
    return load(committedFile());
  }

  public static SketchVectors load(Path file) {
    try {
      return MAPPER.readValue(file.toFile(), SketchVectors.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sketch vectors from " + file, e);
    }
  }

  /**
   * The file's text: objects indented, arrays broken into one element per line only near the top
   * (one vector per line keeps diffs reviewable), deeper arrays inline. Doubles are written as
   * {@link Double#toString} does, the shortest decimal that reads back as the same double, in Java
   * and in PostgreSQL alike.
   */
  public String toJson() {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new TopLevelArraysIndenter());
    try {
      return MAPPER.writer(printer).writeValueAsString(this) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** An integer value and its bin: {@code [value, bin]}. */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  @JsonPropertyOrder({"value", "bin"})
  public record BinVector(long value, int bin) {}

  /** A bin and its representative value: {@code [bin, value]}. */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  @JsonPropertyOrder({"bin", "value"})
  public record Representative(int bin, double value) {}

  /** A quantile and its expected value: {@code [q, value]}. */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  @JsonPropertyOrder({"q", "value"})
  public record Quantile(double q, double value) {}

  /** Raw values (µs), in the order they are added, with the sketch and quantiles they must give. */
  public record Dataset(
      String name,
      String description,
      long[] values,
      ExpectedSketch sketch,
      List<Quantile> quantiles) {}

  /** The fields of {@code metrics.latency_sketch} (and of the Java {@code SketchSnapshot}). */
  public record ExpectedSketch(
      long zeroCount, int[] bins, long[] counts, double min, double max, double sum, long count) {}

  /**
   * Puts each element of an array that is a field of the root object on its own line; deeper arrays
   * stay on one line. The generator's context is the array being written (when separating its
   * elements or closing it), at nesting depth 2 for the root's fields.
   */
  private static final class TopLevelArraysIndenter implements DefaultPrettyPrinter.Indenter {
    private static final DefaultIndenter LINES = new DefaultIndenter("  ", "\n");

    @Override
    public void writeIndentation(JsonGenerator generator, int level) throws IOException {
      if (generator.getOutputContext().getNestingDepth() <= 2) {
        LINES.writeIndentation(generator, level);
      }
    }

    @Override
    public boolean isInline() {
      return false;
    }
  }
}
