/** The {@code pitchey} command line: the embedded demo and each component run alone. */
@NullMarked
package io.pitchey.cli;

import org.jspecify.annotations.NullMarked;
