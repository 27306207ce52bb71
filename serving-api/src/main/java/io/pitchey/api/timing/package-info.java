/**
 * Per-request measurement: one TimingEvent per request, published after the response is written.
 */
@NullMarked
package io.pitchey.api.timing;

import org.jspecify.annotations.NullMarked;
