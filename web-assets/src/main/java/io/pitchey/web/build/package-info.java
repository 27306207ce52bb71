/**
 * The build-time asset pipeline: minifies the sources under {@code src/main/web}, names each file
 * by its content hash, pre-compresses it with Brotli and gzip, rewrites references to the hashed
 * names and writes {@code static/manifest.json}, which the serving API loads at start-up. Runs in
 * Maven's {@code process-classes} phase; nothing here is used at run time.
 */
@NullMarked
package io.pitchey.web.build;

import org.jspecify.annotations.NullMarked;
