/** The API's own description: {@code GET /api/openapi.json}. */
@NullMarked
package io.pitchey.api.docs;

import org.jspecify.annotations.NullMarked;
