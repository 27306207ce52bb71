/** The database: Flyway migrations (one history for every schema) and pooled connections. */
@NullMarked
package io.pitchey.sql;

import org.jspecify.annotations.NullMarked;
