/**
 * Batch backfill of historical timing events: NDJSON in the event schema and access logs in
 * Combined Log Format, published with their original timestamps to the backfill topic, resumable
 * per file. See {@code docs/backfill.md}.
 */
@NullMarked
package io.pitchey.ingest.backfill;

import org.jspecify.annotations.NullMarked;
