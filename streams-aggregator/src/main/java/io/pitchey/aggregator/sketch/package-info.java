/**
 * The latency sketch of contracts §4: a mergeable distribution of durations in microseconds whose
 * quantiles are within 1 % of the exact ones, stored per route window and computed identically by
 * the SQL functions of migration V3.
 *
 * <ul>
 *   <li>{@link io.pitchey.aggregator.sketch.SketchBins}: the bin of a value and a bin's
 *       representative value (the part the SQL side must reproduce bit for bit);
 *   <li>{@link io.pitchey.aggregator.sketch.LatencySketch}: the mutable sketch an aggregator feeds;
 *   <li>{@link io.pitchey.aggregator.sketch.SketchSnapshot}: its immutable, validated value form,
 *       field for field {@code metrics.latency_sketch};
 *   <li>{@link io.pitchey.aggregator.sketch.SketchCodec} and {@link
 *       io.pitchey.aggregator.sketch.SketchSerde}: its compact binary form.
 * </ul>
 *
 * <p>{@code testdata/sketch-vectors.json} at the repository root holds the vectors (values, bins,
 * representatives, datasets and their quantiles) that the Java and SQL tests both check.
 */
package io.pitchey.aggregator.sketch;
