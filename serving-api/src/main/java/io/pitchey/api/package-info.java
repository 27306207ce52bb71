/**
 * The Pitchey serving API: {@link io.pitchey.api.ServingApi} wires the features (one package each)
 * onto Javalin, a jOOQ/HikariCP database and an Ehcache tiered cache, and measures every request.
 */
@NullMarked
package io.pitchey.api;

import org.jspecify.annotations.NullMarked;
