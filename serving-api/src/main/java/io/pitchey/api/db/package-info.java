/**
 * Database access: jOOQ over the application schema (writes on the primary, reads on the replica
 * when there is one, idempotent reads retried after transient failures), the API's pools, and
 * per-request query timing.
 */
@NullMarked
package io.pitchey.api.db;

import org.jspecify.annotations.NullMarked;
