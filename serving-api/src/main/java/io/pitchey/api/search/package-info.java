/** Full-text search over public pitches: {@code GET /api/search}. */
@NullMarked
package io.pitchey.api.search;

import org.jspecify.annotations.NullMarked;
