/** Demo data for the {@code pitchey demo} command and load tests. */
@NullMarked
package io.pitchey.api.demo;

import org.jspecify.annotations.NullMarked;
