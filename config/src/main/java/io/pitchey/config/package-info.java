/**
 * One typed configuration for every Pitchey process: defaults &lt; a HOCON/properties file &lt;
 * {@code PITCHEY_*} environment variables &lt; command-line flags, validated once at start-up.
 */
@NullMarked
package io.pitchey.config;

import org.jspecify.annotations.NullMarked;
