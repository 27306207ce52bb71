/** Database access: jOOQ over the application schema, and per-request query timing. */
@NullMarked
package io.pitchey.api.db;

import org.jspecify.annotations.NullMarked;
