/** Pitches: {@code GET /api/pitches/{id}}. */
@NullMarked
package io.pitchey.api.pitch;

import org.jspecify.annotations.NullMarked;
