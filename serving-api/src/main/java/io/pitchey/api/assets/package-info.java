/**
 * {@code GET /static/{file}} and the landing page: the assets the {@code web-assets} module built,
 * held in memory in every content coding, so serving one costs neither disk reads nor compression.
 */
@NullMarked
package io.pitchey.api.assets;

import org.jspecify.annotations.NullMarked;
