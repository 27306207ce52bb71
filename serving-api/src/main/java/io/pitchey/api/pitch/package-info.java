/** Pitches: reading them (one, or a page of a list) and their owners writing them. */
@NullMarked
package io.pitchey.api.pitch;

import org.jspecify.annotations.NullMarked;
