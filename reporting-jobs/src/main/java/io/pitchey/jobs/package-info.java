/**
 * The reporting jobs process: a clustered Quartz scheduler whose job store lives in the Pitchey
 * database (schema {@code quartz}), running the periodic work over the metrics tables — the hourly
 * performance report first.
 */
@NullMarked
package io.pitchey.jobs;

import org.jspecify.annotations.NullMarked;
