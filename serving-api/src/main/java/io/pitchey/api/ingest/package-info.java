/**
 * HTTP ingest for external producers: {@code POST /api/ingest/timings} takes NDJSON batches of
 * timing events and publishes the valid ones to the same topic as the API's own.
 */
@NullMarked
package io.pitchey.api.ingest;

import org.jspecify.annotations.NullMarked;
