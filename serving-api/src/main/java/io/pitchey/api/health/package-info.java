/** {@code GET /api/health}: what the API depends on, and whether it can serve. */
@NullMarked
package io.pitchey.api.health;

import org.jspecify.annotations.NullMarked;
