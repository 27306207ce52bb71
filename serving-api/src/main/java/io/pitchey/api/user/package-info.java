/** The signed-in user: {@code GET /api/me}. */
@NullMarked
package io.pitchey.api.user;

import org.jspecify.annotations.NullMarked;
